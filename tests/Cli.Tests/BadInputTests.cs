using Meditron.Tests.Support;

namespace Meditron.Cli.Tests;

/// <summary>A bad file fails alone, with its reason; the good ones are still ingested.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Bad_files_fail_with_a_reason_and_the_good_one_is_indexed()
    {
        using var dir = new TempDirectory();
        string input = Directory.CreateDirectory(dir.Combine("in")).FullName;
        byte[] good = SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.", "Continue breastfeeding.");
        await File.WriteAllBytesAsync(Path.Combine(input, "good.pdf"), good);
        await File.WriteAllBytesAsync(Path.Combine(input, "empty.pdf"), []);
        await File.WriteAllTextAsync(Path.Combine(input, "notes.pdf"), "These are meeting notes, not a PDF.");
        await File.WriteAllBytesAsync(Path.Combine(input, "truncated.pdf"), good[..(good.Length / 3)]);

        var run = await CliRunner.RunAsync("ingest", input, "--data", dir.Combine("data"), "--json");

        Assert.Equal(2, run.ExitCode);
        var files = run.Json.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("file").GetString()!);
        Assert.Equal("indexed", files["good.pdf"].GetProperty("status").GetString());
        Assert.True(files["good.pdf"].GetProperty("chunks").GetInt32() > 0);
        foreach (string bad in new[] { "empty.pdf", "notes.pdf", "truncated.pdf" })
        {
            Assert.Equal("failed", files[bad].GetProperty("status").GetString());
            Assert.False(string.IsNullOrWhiteSpace(files[bad].GetProperty("error").GetString()), bad);
        }
        Assert.Equal(3, run.Json.GetProperty("failed").GetInt32());
        Assert.Equal(1, run.Json.GetProperty("indexed").GetInt32());

        var documents = await CliRunner.RunAsync("documents", "--data", dir.Combine("data"), "--json");
        var statuses = documents.Json.GetProperty("documents").EnumerateArray()
            .ToDictionary(d => d.GetProperty("file").GetString()!, d => d.GetProperty("status").GetString());
        Assert.Equal("failed", statuses["notes.pdf"]);
        Assert.Equal("indexed", statuses["good.pdf"]);
    }

    [Fact]
    public async Task A_document_over_the_page_limit_fails_with_the_limit_in_its_reason()
    {
        using var dir = new TempDirectory();
        string file = dir.Combine("two.pdf");
        await File.WriteAllBytesAsync(file, SmallPdfs.TwoPages());

        var run = await CliRunner.RunAsync(
            new Dictionary<string, string> { ["MEDITRON_Extraction__MaxPages"] = "1" },
            "ingest", file, "--data", dir.Combine("data"), "--json");

        Assert.Equal(2, run.ExitCode);
        string error = run.Json.GetProperty("files")[0].GetProperty("error").GetString()!;
        Assert.Contains("1", error, StringComparison.Ordinal);
        Assert.Contains("page", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_missing_path_is_reported_failed_and_invalid_configuration_stops_at_start()
    {
        using var dir = new TempDirectory();
        var missing = await CliRunner.RunAsync("ingest", dir.Combine("nope.pdf"), "--data", dir.Combine("data"), "--json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("failed", missing.Json.GetProperty("files")[0].GetProperty("status").GetString());

        var invalid = await CliRunner.RunAsync(
            new Dictionary<string, string> { ["MEDITRON_Extraction__MaxPages"] = "0" },
            "documents", "--data", dir.Combine("data"), "--json");
        Assert.Equal(3, invalid.ExitCode);
        Assert.Contains("MaxPages", invalid.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", invalid.Stderr, StringComparison.Ordinal); // one line, no stack trace
    }
}
