using System.Text.Json;
using Meditron.Application.Syncing;
using Meditron.Tests.Support;

namespace Meditron.Cli.Tests;

/// <summary>`meditron sync` as a process, against a publisher's server on loopback: the JSON contract and the exit codes.</summary>
public sealed class SyncCommandTests
{
    [Fact]
    public async Task Json_reports_checked_unchanged_enqueued_and_failed_and_a_failed_source_exits_2()
    {
        using var dir = new TempDirectory();
        await using var server = await GuidelineServer.StartAsync();
        server.Serve("malaria.pdf", SmallPdfs.Guideline("1 Malaria", "Treat uncomplicated malaria with an artemisinin-based combination therapy."), "\"m1\"");
        string sources = dir.Combine("SOURCES.tsv");
        await File.WriteAllLinesAsync(sources,
        [
            "file\tpublisher\ttitle\tyear\tlanguage\tguideline\tedition\tsource",
            $"malaria.pdf\tWHO\tMalaria\t2025\ten\twho-malaria\t2025\t{server.Url("malaria.pdf")}",
            $"gone.pdf\tWHO\tGone\t2020\ten\twho-gone\t2020\t{server.Url("gone.pdf")}",
        ]);

        var first = await CliRunner.RunAsync("sync", sources, "--data", dir.Combine("data"), "--json");
        var second = await CliRunner.RunAsync("sync", sources, "--data", dir.Combine("data"), "--json");

        Assert.True(first.ExitCode == 2, first.Stderr);
        Assert.Equal(["checked", "unchanged", "enqueued", "failed", "sources"], first.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal((2, 0, 1), (first.Json.GetProperty("checked").GetInt32(), first.Json.GetProperty("unchanged").GetInt32(), first.Json.GetProperty("enqueued").GetInt32()));
        var failed = Assert.Single(first.Json.GetProperty("failed").EnumerateArray());
        Assert.Equal(["source", "reason"], failed.EnumerateObject().Select(p => p.Name));
        Assert.Equal(server.Url("gone.pdf").ToString(), failed.GetProperty("source").GetString());
        Assert.StartsWith("HTTP 404", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);

        Assert.Equal(2, second.ExitCode);
        Assert.Equal((1, 0), (second.Json.GetProperty("unchanged").GetInt32(), second.Json.GetProperty("enqueued").GetInt32()));
        Assert.Equal("\"m1\"", server.RequestsFor("malaria.pdf")[^1].IfNoneMatch);
        Assert.Equal(JsonValueKind.Array, second.Json.GetProperty("sources").ValueKind);
    }

    [Fact]
    public async Task Without_failures_it_exits_0_and_says_the_totals_on_stdout()
    {
        using var dir = new TempDirectory();
        await File.WriteAllBytesAsync(dir.Combine("ors.pdf"), SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool."));
        string sources = dir.Combine("SOURCES.tsv");
        await File.WriteAllLinesAsync(sources, ["source\tguideline\tedition", "ors.pdf\twho-ors\t2024"]);

        var run = await CliRunner.RunAsync("sync", sources, "--data", dir.Combine("data"));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("1 sources checked: 0 unchanged, 1 enqueued, 0 failed", run.Stdout.Trim());
        Assert.Matches(@"^\[1/1\] ors\.pdf: enqueued \(indexed, doc_[0-9a-f]{16}\)$", run.Stderr.Trim());
    }

    [Fact]
    public async Task A_list_without_a_source_column_exits_1_naming_it_and_creates_no_store()
    {
        using var dir = new TempDirectory();
        string sources = dir.Combine("SOURCES.tsv");
        await File.WriteAllLinesAsync(sources, ["file\tguideline\tedition", "a.pdf\ta\t2024"]);

        var run = await CliRunner.RunAsync("sync", sources, "--data", dir.Combine("data"), "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("has no 'source' column", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
        Assert.False(Directory.Exists(dir.Combine("data")));
    }

    [Fact]
    public void The_sources_template_reads_as_a_sources_list()
    {
        var sources = SourceList.Read(Path.Combine(Repository.Root, "docs", "SOURCES.template.tsv"));

        Assert.Equal(2, sources.Count);
        Assert.All(sources, s => Assert.False(string.IsNullOrWhiteSpace(s.Manifest.GuidelineKey)));
        Assert.Equal((false, true), (sources[0].IsLocalFile, sources[1].IsLocalFile));
    }
}
