using Meditron.Tests.Support;

using System.Text.RegularExpressions;

namespace Meditron.Cli.Tests;

/// <summary>What `meditron ingest` prints for a person: progress lines on stderr, totals and failures on stdout.</summary>
public sealed class IngestOutputTests
{
    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Redirected_progress_lines_show_pages_an_eta_and_the_failed_files_reason()
    {
        using var dir = new TempDirectory();
        string input = Directory.CreateDirectory(dir.Combine("in")).FullName;
        byte[] good = SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.", "Continue breastfeeding.");
        await File.WriteAllBytesAsync(Path.Combine(input, "a_dehydration.pdf"), good);
        await File.WriteAllBytesAsync(Path.Combine(input, "b_danger_signs.pdf"), SmallPdfs.TwoPages());
        await File.WriteAllBytesAsync(Path.Combine(input, "c_broken.pdf"), good[..(good.Length / 3)]);

        var run = await CliRunner.RunAsync("ingest", input, "--data", dir.Combine("data"));

        Assert.Equal(2, run.ExitCode);
        string[] progress = Lines(run.Stderr).Where(l => l.StartsWith('[')).ToArray();
        Assert.Equal(3, progress.Length);
        Assert.Matches(@"^\[1/3\] a_dehydration\.pdf: indexed, 1 page, [1-9]\d* chunks?; 1/\d+ pages, \d+\.\d pages/s, ETA \d\d:\d\d:\d\d$", progress[0]);
        Assert.Matches(@"^\[2/3\] b_danger_signs\.pdf: indexed, 2 pages, [1-9]\d* chunks?; 3/\d+ pages, \d+\.\d pages/s, ETA \d\d:\d\d:\d\d$", progress[1]);
        var failed = Regex.Match(progress[2], @"^\[3/3\] c_broken\.pdf: failed: (?<reason>.+); \d+/3 pages, \d+\.\d pages/s, ETA \d\d:\d\d:\d\d$");
        Assert.True(failed.Success, progress[2]);

        string[] stdout = Lines(run.Stdout);
        Assert.Equal(2, stdout.Length);
        Assert.StartsWith("3 documents: 2 indexed, 0 skipped, 1 failed;", stdout[0], StringComparison.Ordinal);
        Assert.Equal($"failed: c_broken.pdf: {failed.Groups["reason"].Value}", stdout[1].TrimEnd('.'));
    }

    [Fact]
    public async Task A_missing_path_is_listed_with_its_reason_after_the_summary()
    {
        using var dir = new TempDirectory();

        var run = await CliRunner.RunAsync("ingest", "does-not-exist", "--data", dir.Combine("data"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            ["1 documents: 0 indexed, 0 skipped, 1 failed; 0 pages, 0 chunks in 0.0 s", "failed: does-not-exist: No such file or folder."],
            Lines(run.Stdout).Select(l => Regex.Replace(l, @"in \d+\.\d s$", "in 0.0 s")));
    }
}
