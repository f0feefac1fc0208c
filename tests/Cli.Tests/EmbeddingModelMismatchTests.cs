using Meditron.Tests.Support;

namespace Meditron.Cli.Tests;

/// <summary>A data directory indexed with one embedding model, used with another: one clear line and exit code 5.</summary>
public sealed class EmbeddingModelMismatchTests
{
    // The bundled model read with CLS pooling: another model id, vectors that must not be mixed with mean-pooled ones.
    private static readonly Dictionary<string, string> OtherModel = new() { ["MEDITRON_Embedding__Pooling"] = "Cls" };

    [Fact]
    public async Task Ingest_and_search_with_another_embedding_model_stop_with_both_model_names()
    {
        using var dir = new TempDirectory();
        string data = dir.Combine("data");
        string first = dir.Combine("ors.pdf");
        string second = dir.Combine("zinc.pdf");
        await File.WriteAllBytesAsync(first, SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool."));
        await File.WriteAllBytesAsync(second, SmallPdfs.Guideline("2 Diarrhoea", "Give zinc for ten to fourteen days."));
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", first, "--data", data, "--json")).ExitCode);

        var ingest = await CliRunner.RunAsync(OtherModel, "ingest", second, "--data", data, "--json");
        var search = await CliRunner.RunAsync(OtherModel, "search", "oral rehydration salts", "--data", data, "--json");

        foreach (var run in new[] { ingest, search })
        {
            Assert.Equal(5, run.ExitCode);
            Assert.Contains("'all-MiniLM-L6-v2' (384 dimensions)", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("'all-MiniLM-L6-v2 (cls pooling)' (384 dimensions)", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("re-ingest", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal); // one line, no stack trace
        }
        // The settings the index was built with still work.
        Assert.Equal(0, (await CliRunner.RunAsync("search", "oral rehydration salts", "--data", data, "--json")).ExitCode);
    }
}
