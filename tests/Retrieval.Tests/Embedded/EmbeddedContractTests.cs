using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Retrieval.Embedded;
using Meditron.Retrieval.Tests.Contract;
using Xunit.Abstractions;

namespace Meditron.Retrieval.Tests.Embedded;

/// <summary>The <see cref="ChunkIndexContract"/> on the embedded SQLite store: always runs.</summary>
public sealed class EmbeddedContractTests(ITestOutputHelper output) : ChunkIndexContract(output), IDisposable
{
    private readonly TempDataDirectory _directory = new();
    private EmbeddedStore? _store;

    private EmbeddedStore Store => _store ??= new EmbeddedStore(_directory.Path);

    protected override Task<IChunkIndex> CreateIndexAsync() => Task.FromResult<IChunkIndex>(new SqliteChunkIndex(Store));

    protected override Task<IChunkIndex> CreateIndexForAsync(EmbeddingModel model) => Task.FromResult<IChunkIndex>(new SqliteChunkIndex(Store, () => model));

    protected override async Task RegisterAsync(ChunkSource source)
    {
        var now = DateTimeOffset.UtcNow;
        await new SqliteDocumentRegistry(Store).RegisterAsync(new DocumentRecord
        {
            DocumentId = source.DocumentId,
            File = source.File,
            Sha256 = new string('0', 64),
            ContentRef = "sha256:" + new string('0', 64),
            Metadata = new DocumentMetadata
            {
                Title = source.Title,
                Publisher = source.Publisher,
                GuidelineKey = source.GuidelineKey,
                Edition = source.Edition,
                Language = source.Language,
                Year = source.Year,
            },
            CreatedAt = now,
            UpdatedAt = now,
        }, CancellationToken.None);
    }

    /// <summary>The registry's "indexed" step makes the newest indexed edition current.</summary>
    protected override async Task MarkCurrentAsync(string guidelineKey, string documentId)
    {
        var registry = new SqliteDocumentRegistry(Store);
        var index = new SqliteChunkIndex(Store);
        var chunks = await index.GetChunksAsync(documentId, CancellationToken.None);
        await registry.MarkIndexedAsync(documentId, chunks.Count == 0 ? 0 : chunks.Max(c => c.PageEnd), chunks.Count, CancellationToken.None);
    }

    protected override Task ForgetAsync(string documentId) => new SqliteDocumentRegistry(Store).DeleteAsync(documentId, CancellationToken.None);

    public void Dispose()
    {
        _store?.Dispose();
        _directory.Dispose();
    }
}
