using Meditron.Tests.Support;

namespace Meditron.Cli.Tests;

/// <summary>
/// Ingests the real corpus once for the corpus tests, through the built CLI: the 2025 malaria
/// edition alone first, then the whole folder (so the 2023 edition arrives after the newer one),
/// then the folder again (every file must be skipped).
/// </summary>
public sealed class CorpusIngestion : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new();

    public string DataDirectory => _data.Path;
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
        NewerEditionFirst = await CliRunner.RunAsync("ingest", Corpus.File("who_guidelines_malaria_2025-08-13.pdf"), "--data", DataDirectory, "--json");
        Folder = await CliRunner.RunAsync("ingest", Corpus.Directory, "--data", DataDirectory, "--json");
        FolderAgain = await CliRunner.RunAsync("ingest", Corpus.Directory, "--data", DataDirectory, "--json");
        Documents = await CliRunner.RunAsync("documents", "--data", DataDirectory, "--json");
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _data.Dispose();
}

[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusIngestion>
{
    public const string Name = "corpus";
}
