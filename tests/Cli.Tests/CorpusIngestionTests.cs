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

    [CorpusFact]
    public void The_readme_ingest_example_gives_this_corpus_figures()
    {
        string readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var example = System.Text.RegularExpressions.Regex.Match(readme, "\\{\"documents\":(\\d+),\"indexed\":\\d+,\"skipped\":\\d+,\"failed\":\\d+,\"queued\":\\d+,\"pages\":(\\d+),\"chunks\":(\\d+)");
        Assert.True(example.Success, "README has no ingest JSON example");

        var report = corpus.Folder.Json;
        Assert.Equal(report.GetProperty("documents").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), example.Groups[1].Value);
        Assert.Equal(report.GetProperty("pages").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), example.Groups[2].Value);
        Assert.Equal(report.GetProperty("chunks").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), example.Groups[3].Value);
    }

    [InstalledCommandFact(NeedsCorpus = true)]
    public async Task The_readme_commands_work_through_the_installed_command()
    {
        foreach (string[] command in new[]
        {
            new[] { "documents" },
            ["search", "amoxicillin dose for pneumonia in children", "--top-k", "5"],
            ["ask", "What is the amoxicillin dose for pneumonia in children?"],
        })
        {
            var run = await InstalledCommand.RunAsync([.. command, "--data", corpus.DataDirectory, "--json"]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Equal(JsonValueKind.Object, run.Json.ValueKind);
        }
    }
}

[Collection(CorpusCollection.Name)]
public sealed class CorpusChunkTests(CorpusIngestion corpus)
{
    private const string PocketBook = "who_pocket_book_hospital_care_children_2ed_2013.pdf";

    [CorpusFact]
    public async Task Pocket_book_physical_page_106_carries_the_printed_label_82()
    {
        var chunks = await ChunksOf(PocketBook);
        var onPage106 = chunks.Where(c => c.PageStart == 106).ToList();
        Assert.NotEmpty(onPage106);
        Assert.All(onPage106, c => Assert.Equal("82", c.PageLabel));
    }

    [CorpusFact]
    public async Task Pocket_book_chunks_carry_section_paths()
    {
        var chunks = await ChunksOf(PocketBook);
        double withSection = chunks.Count(c => c.Section.Length > 0) / (double)chunks.Count;
        Assert.True(withSection > 0.8, $"only {withSection:P0} of chunks have a section");
        Assert.Contains(chunks, c => c.Section.Contains(" > ", StringComparison.Ordinal) && c.Section.Contains("Pneumonia", StringComparison.OrdinalIgnoreCase));
    }

    [CorpusFact]
    public async Task Every_chunk_fits_the_embedding_window_and_keeps_its_pages()
    {
        foreach (var document in corpus.Documents.Json.GetProperty("documents").EnumerateArray())
        {
            var chunks = await ChunksOf(document.GetProperty("file").GetString()!);
            int pages = document.GetProperty("pages").GetInt32();
            Assert.All(chunks, c =>
            {
                Assert.InRange(c.TokenCount, 1, 256);
                Assert.InRange(c.PageStart, 1, pages);
                Assert.InRange(c.PageEnd, c.PageStart, pages);
            });
        }
    }

    [CorpusFact]
    public async Task Symbol_and_wingdings_glyphs_are_read_as_characters_not_private_use_codes()
    {
        // The Solomon Islands manual sets over a thousand bullets in Symbol and Wingdings; IDSR's fonts do not say which.
        var solomon = await ChunksOf("solomon_islands_moh_standard_treatment_manual_children_2017.pdf");
        Assert.DoesNotContain(solomon, c => c.Text.Any(ch => ch is >= '\uF020' and <= '\uF0FF'));
        Assert.True(solomon.Count(c => c.Text.Contains('•', StringComparison.Ordinal)) > 100);
        foreach (var document in corpus.Documents.Json.GetProperty("documents").EnumerateArray())
        {
            var chunks = await ChunksOf(document.GetProperty("file").GetString()!);
            Assert.DoesNotContain(chunks, c => c.Text.Any(ch => ch is '\uF0B7' or '\uF0A7' or '\uF0FC' or '\uF06F'));
        }
    }

    private async Task<IReadOnlyList<Core.Documents.Chunk>> ChunksOf(string file)
    {
        string documentId = corpus.Documents.Json.GetProperty("documents").EnumerateArray()
            .Single(d => d.GetProperty("file").GetString() == file).GetProperty("documentId").GetString()!;
        using var store = new Retrieval.Embedded.EmbeddedStore(corpus.DataDirectory);
        return await new Retrieval.Embedded.SqliteChunkIndex(store).GetChunksAsync(documentId, CancellationToken.None);
    }
}
