using Meditron.Core.Ports;
using Meditron.Core.Retrieval;

namespace Meditron.Postgres.Tests;

/// <summary>
/// Two ingestion workers finishing two editions of one guideline at once, with the registry in PostgreSQL and the index
/// elsewhere (Qdrant, or the embedded index keeping its own copy of the document rows): each worker stores its chunks,
/// marks its edition indexed and publishes the current edition to the index, interleaved as they come. The index must
/// end with the registry's current edition, the newest, and no other.
/// </summary>
public abstract class EditionFlipContract : IAsyncLifetime
{
    private readonly TestSchema _schema = new();
    private readonly PostgresDocumentRegistry _registry;

    protected EditionFlipContract() => _registry = new PostgresDocumentRegistry(_schema.OpenDatabase());

    /// <summary>The index under test, empty, with 8-dimension vectors.</summary>
    protected abstract IChunkIndex Index { get; }

    protected static CancellationToken Ct => CancellationToken.None;

    public virtual Task InitializeAsync() => Index.InitializeAsync(Ct);

    public virtual Task DisposeAsync() => _schema.DropAsync();

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

        await Index.DeleteDocumentAsync(newer.DocumentId, Ct);
        await _registry.DeleteAsync(newer.DocumentId, Ct);
        await _registry.PublishCurrentEditionAsync("k", (current, ct) => Index.SetCurrentEditionAsync("k", current, ct), Ct);

        Assert.Equal([older.DocumentId], await CurrentInIndexAsync("k"));
    }

    /// <summary>What the ingestion handler does once a document is embedded.</summary>
    private async Task WorkerAsync(string documentId)
    {
        var document = (await _registry.GetAsync(documentId, Ct))!;
        await Index.ReplaceDocumentAsync(ChunkSource.From(document), TestData.Chunks(documentId, 3), Ct);
        await _registry.MarkIndexedAsync(documentId, pages: 3, chunks: 3, Ct);
        string key = document.Metadata.GuidelineKey;
        await _registry.PublishCurrentEditionAsync(key, (current, ct) => Index.SetCurrentEditionAsync(key, current, ct), Ct);
    }

    private async Task<string?> CurrentInRegistryAsync(string key) =>
        (await _registry.ListAsync(Ct)).SingleOrDefault(d => d.Metadata.GuidelineKey == key && d.Current)?.DocumentId;

    /// <summary>The documents whose chunks a search of current editions of the guideline finds.</summary>
    private async Task<List<string>> CurrentInIndexAsync(string key)
    {
        var query = new IndexQuery("passage", null, SearchMode.Bm25, 50, new IndexFilter { GuidelineKeys = [key], CurrentOnly = true });
        var hits = await Index.SearchAsync(query, Ct);
        return [.. hits.Select(h => h.Chunk.DocumentId).Distinct().Order(StringComparer.Ordinal)];
    }
}
