using System.Security.Cryptography;
using System.Text.Json;
using Meditron.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Meditron.Cli.Tests;

/// <summary>
/// The real corpus, ingested once per test run through the built CLI and shared by every test that
/// reads it (across test classes, and across test processes: a file lock makes the others wait).
/// The runs: the 2025 malaria edition alone first, then the whole folder (so the 2023 edition
/// arrives after the newer one), then the folder again (every file must be skipped). Progress lines
/// reach the test output as xunit diagnostic messages.
/// </summary>
/// <remarks>
/// Where: <c>$MEDITRON_TEST_CORPUS_DATA</c> (CI sets a fresh folder per run), else a folder under the
/// temp directory named after a hash of the code that builds the store and of the corpus, so a
/// second `dotnet test` of the same build reuses it and any change to that code ingests again.
/// The tests only read it.
/// </remarks>
public sealed class CorpusIngestion(IMessageSink diagnostics) : IAsyncLifetime
{
    private const string ResultsFile = "ingest-results.json";

    public string DataDirectory { get; private set; } = string.Empty;
    public CliRunner.Result NewerEditionFirst { get; private set; } = null!;
    public CliRunner.Result Folder { get; private set; } = null!;
    public CliRunner.Result FolderAgain { get; private set; } = null!;
    public CliRunner.Result Documents { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Corpus.Directory is null)
        {
            return; // the tests skip, or fail under CI
        }
        DataDirectory = Location();
        string results = Path.Combine(DataDirectory, ResultsFile);
        await using (await FileLock.AcquireAsync(DataDirectory + ".lock", () => Say("waiting for another test process to finish ingesting the corpus")))
        {
            if (!File.Exists(results))
            {
                await IngestAsync(results);
            }
            else
            {
                Say($"corpus already ingested by this build in {DataDirectory}");
            }
        }
        var runs = JsonSerializer.Deserialize<CliRunner.Result[]>(await File.ReadAllTextAsync(results))!;
        (NewerEditionFirst, Folder, FolderAgain, Documents) = (runs[0], runs[1], runs[2], runs[3]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task IngestAsync(string resultsPath)
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true); // an earlier run was killed half-way
        }
        Directory.CreateDirectory(DataDirectory);
        Say($"ingesting the corpus once for this test run into {DataDirectory}");
        var environment = new Dictionary<string, string>();
        var runs = new[]
        {
            await CliRunner.RunAsync(environment, Say, "ingest", Corpus.File("who_guidelines_malaria_2025-08-13.pdf"), "--data", DataDirectory, "--json"),
            await CliRunner.RunAsync(environment, Say, "ingest", Corpus.Directory!, "--data", DataDirectory, "--json"),
            await CliRunner.RunAsync(environment, Say, "ingest", Corpus.Directory!, "--data", DataDirectory, "--json"),
            await CliRunner.RunAsync("documents", "--data", DataDirectory, "--json"),
        };
        // Written last, through a rename: its presence means the whole ingestion completed.
        string temporary = resultsPath + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(runs));
        File.Move(temporary, resultsPath, overwrite: true);
        Say("corpus ingested");
    }

    private static string Location()
    {
        if (Environment.GetEnvironmentVariable("MEDITRON_TEST_CORPUS_DATA") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        string parent = Path.Combine(Path.GetTempPath(), "meditron-test-corpus");
        Directory.CreateDirectory(parent);
        string here = Path.Combine(parent, BuildKey());
        RemoveStale(parent, here);
        return here;
    }

    /// <summary>A hash of the assemblies and settings that build the store, and of the corpus manifest and files.</summary>
    private static string BuildKey()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string name in new[] { "meditron.dll", "Meditron.Core.dll", "Meditron.Ingestion.dll", "Meditron.Retrieval.dll", "appsettings.json" })
        {
            hash.AppendData(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, name)));
        }
        hash.AppendData(File.ReadAllBytes(Corpus.File("MANIFEST.tsv")));
        foreach (var pdf in new DirectoryInfo(Corpus.Require()).GetFiles("*.pdf").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{pdf.Name}:{pdf.Length}\n"));
        }
        return "corpus-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Stores of earlier builds, untouched for a day, are removed so temp space does not grow.</summary>
    private static void RemoveStale(string parent, string keep)
    {
        foreach (var old in new DirectoryInfo(parent).GetDirectories("corpus-*"))
        {
            if (old.FullName != keep && old.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1))
            {
                try
                {
                    old.Delete(recursive: true);
                }
                catch (IOException)
                {
                    // In use by another run; a later one removes it.
                }
            }
        }
    }

    private void Say(string line) => diagnostics.OnMessage(new DiagnosticMessage($"[corpus] {line}"));
}

[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusIngestion>
{
    public const string Name = "corpus";
}
