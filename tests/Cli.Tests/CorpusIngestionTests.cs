using System.Text.Json;
using Meditron.Tests.Support;

namespace Meditron.Cli.Tests;

[Collection(CorpusCollection.Name)]
public sealed class CorpusIngestionTests(CorpusIngestion corpus)
{
    private static readonly int CorpusFiles = Directory.GetFiles(Corpus.Require(), "*.pdf").Length;

    [CorpusFact]
    public void Every_corpus_file_is_indexed_and_nothing_fails()
    {
        Assert.True(corpus.Folder.ExitCode == 0, corpus.Folder.Stderr);
        var report = corpus.Folder.Json;
        Assert.Equal(CorpusFiles, report.GetProperty("documents").GetInt32());
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        // The 2025 malaria edition was ingested on its own before the folder.
        Assert.Equal(CorpusFiles - 1, report.GetProperty("indexed").GetInt32());
        Assert.Equal(1, report.GetProperty("skipped").GetInt32());
        Assert.All(report.GetProperty("files").EnumerateArray(), f =>
        {
            Assert.True(f.GetProperty("chunks").GetInt32() > 0, f.GetProperty("file").GetString());
            Assert.True(f.GetProperty("pages").GetInt32() > 0, f.GetProperty("file").GetString());
            Assert.Equal(JsonValueKind.Null, f.GetProperty("error").ValueKind);
        });
    }

    [CorpusFact]
    public void Page_counts_match_the_manifest()
    {
        var manifest = File.ReadAllLines(Corpus.File("MANIFEST.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .ToDictionary(c => c[0], c => int.Parse(c[5], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var document in corpus.Documents.Json.GetProperty("documents").EnumerateArray())
        {
            Assert.Equal(manifest[document.GetProperty("file").GetString()!], document.GetProperty("pages").GetInt32());
        }
    }

    [CorpusFact]
    public void A_second_run_skips_every_file()
    {
        Assert.Equal(0, corpus.FolderAgain.ExitCode);
        var report = corpus.FolderAgain.Json;
        Assert.Equal(CorpusFiles, report.GetProperty("skipped").GetInt32());
        Assert.Equal(0, report.GetProperty("indexed").GetInt32());
        Assert.All(report.GetProperty("files").EnumerateArray(), f => Assert.Equal("skipped", f.GetProperty("status").GetString()));
    }

    [CorpusFact]
    public void The_2025_malaria_edition_stays_current_when_2023_arrives_after_it()
    {
        Assert.Equal(0, corpus.NewerEditionFirst.ExitCode);
        var malaria = corpus.Documents.Json.GetProperty("documents").EnumerateArray()
            .Where(d => d.GetProperty("guideline").GetString() == "who-guidelines-for-malaria")
            .ToDictionary(d => d.GetProperty("edition").GetString()!, d => d);
        Assert.Equal(2, malaria.Count);
        Assert.True(malaria["2025-08-13"].GetProperty("current").GetBoolean());
        Assert.False(malaria["2023-10-16"].GetProperty("current").GetBoolean());
        Assert.Equal("indexed", malaria["2023-10-16"].GetProperty("status").GetString());
    }

    [CorpusFact]
    public void Every_other_guideline_has_exactly_one_current_edition()
    {
        var byGuideline = corpus.Documents.Json.GetProperty("documents").EnumerateArray()
            .GroupBy(d => d.GetProperty("guideline").GetString());
        Assert.All(byGuideline, g => Assert.Single(g, d => d.GetProperty("current").GetBoolean()));
    }

    [CorpusFact]
    public void Documents_json_is_the_only_thing_on_stdout()
    {
        Assert.Equal(0, corpus.Documents.ExitCode);
        Assert.Equal(CorpusFiles, corpus.Documents.Json.GetProperty("documents").GetArrayLength());
    }
}
