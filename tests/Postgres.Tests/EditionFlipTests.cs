using Meditron.Core.Retrieval;
using Meditron.Retrieval.Embedded;

namespace Meditron.Postgres.Tests;

/// <summary>
/// Two ingestion workers finishing two editions of one guideline at once, with the registry in PostgreSQL and the
/// embedded index keeping its own copy of the document rows (the shape of the multi-process test): each worker stores
/// its chunks, marks its edition indexed and publishes the current edition to the index, interleaved as they come.
/// The index must end with the registry's current edition, the newest, and no other.
/// </summary>
public sealed class EditionFlipTests : IAsyncLifetime, IDisposable
{
    private readonly TestSchema _schema = new();
    private readonly string _indexDirectory = Path.Combine(Path.GetTempPath(), "meditron-tests", Guid.NewGuid().ToString("N"));
    private readonly EmbeddedStore _indexStore;
    private readonly SqliteChunkIndex _index;
    private readonly PostgresDocumentRegistry _registry;

    public EditionFlipTests()
    {
        _registry = new PostgresDocumentRegistry(_schema.OpenDatabase());
        _indexStore = new EmbeddedStore(_indexDirectory);
        _index = new SqliteChunkIndex(_indexStore, registryElsewhere: true);
    }

    private static CancellationToken Ct => CancellationToken.None;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    public void Dispose()
    {
        _indexStore.Dispose();
        if (Directory.Exists(_indexDirectory))
        {
            Directory.Delete(_indexDirectory, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Two_workers_flipping_editions_at_once_leave_the_index_with_the_newest_current()
    {
        for (int round = 0; round < 15; round++)
        {
            string key = $"guideline-{round}";
            var older = TestData.Document($"{key}-2019", key, "2019");
            var newer = TestData.Document($"{key}-2024", key, "2024");
            await _registry.RegisterAsync(older, Ct);
            await _registry.RegisterAsync(newer, Ct);

            // Either order of finishing, started together.
            var (first, second) = round % 2 == 0 ? (older, newer) : (newer, older);
            await Task.WhenAll(Task.Run(() => WorkerAsync(first.DocumentId)), Task.Run(() => WorkerAsync(second.DocumentId)));

            Assert.Equal(newer.DocumentId, await CurrentInRegistryAsync(key));
            Assert.Equal([newer.DocumentId], await CurrentInIndexAsync(key));
        }
    }

    [SkippableFact]
    public async Task Deleting_the_current_edition_publishes_the_previous_one_to_the_index()
    {
        var older = TestData.Document("k-2019", "k", "2019");
        var newer = TestData.Document("k-2024", "k", "2024");
        foreach (var document in new[] { older, newer })
        {
            await _registry.RegisterAsync(document, Ct);
            await WorkerAsync(document.DocumentId);
        }

        await _index.DeleteDocumentAsync(newer.DocumentId, Ct);
        await _registry.DeleteAsync(newer.DocumentId, Ct);
        await _registry.PublishCurrentEditionAsync("k", (current, ct) => _index.SetCurrentEditionAsync("k", current, ct), Ct);

        Assert.Equal([older.DocumentId], await CurrentInIndexAsync("k"));
    }

    /// <summary>What the ingestion handler does once a document is embedded.</summary>
    private async Task WorkerAsync(string documentId)
    {
        var document = (await _registry.GetAsync(documentId, Ct))!;
        await _index.ReplaceDocumentAsync(ChunkSource.From(document), TestData.Chunks(documentId, 3), Ct);
        await _registry.MarkIndexedAsync(documentId, pages: 3, chunks: 3, Ct);
        string key = document.Metadata.GuidelineKey;
        await _registry.PublishCurrentEditionAsync(key, (current, ct) => _index.SetCurrentEditionAsync(key, current, ct), Ct);
    }

    private async Task<string?> CurrentInRegistryAsync(string key) =>
        (await _registry.ListAsync(Ct)).SingleOrDefault(d => d.Metadata.GuidelineKey == key && d.Current)?.DocumentId;

    /// <summary>The documents whose chunks the index serves as current editions of the guideline.</summary>
    private async Task<List<string>> CurrentInIndexAsync(string key)
    {
        var documents = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var chunk in _index.ReadIndexedAsync(currentOnly: true, Ct))
        {
            if (chunk.Chunk.DocumentId.StartsWith(key + "-", StringComparison.Ordinal))
            {
                documents.Add(chunk.Chunk.DocumentId);
            }
        }
        return [.. documents];
    }
}
