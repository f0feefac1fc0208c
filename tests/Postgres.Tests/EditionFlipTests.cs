using Meditron.Core.Ports;
using Meditron.Retrieval.Embedded;
using Meditron.Retrieval.Qdrant;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client;

namespace Meditron.Postgres.Tests;

/// <summary>The flips with the embedded index beside the PostgreSQL registry (the multi-process test's shape).</summary>
public sealed class EmbeddedIndexEditionFlipTests : EditionFlipContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "meditron-tests", Guid.NewGuid().ToString("N"));
    private readonly EmbeddedStore _store;
    private readonly SqliteChunkIndex _index;

    public EmbeddedIndexEditionFlipTests()
    {
        _store = new EmbeddedStore(_directory);
        _index = new SqliteChunkIndex(_store, registryElsewhere: true);
    }

    protected override IChunkIndex Index => _index;

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>
/// The flips on a real Qdrant server at <c>QDRANT_URL</c> (gRPC port, 1.16 or later), in a collection of their own;
/// skipped without it, since no Qdrant server can run on the development machines.
/// </summary>
public sealed class QdrantEditionFlipTests : EditionFlipContract, IDisposable
{
    private static readonly string? Url = Environment.GetEnvironmentVariable("QDRANT_URL") is { Length: > 0 } url ? url : null;
    private readonly string _collection = "meditron_flips_" + Guid.NewGuid().ToString("N");
    private readonly QdrantChunkIndex? _index;

    public QdrantEditionFlipTests()
    {
        if (Url is not null)
        {
            _index = new QdrantChunkIndex(
                Microsoft.Extensions.Options.Options.Create(new QdrantOptions { Endpoint = Url, ApiKey = ApiKey, Collection = _collection, Dimension = 8 }),
                NullLogger<QdrantChunkIndex>.Instance);
        }
    }

    private static string? ApiKey => Environment.GetEnvironmentVariable("QDRANT_API_KEY") is { Length: > 0 } key ? key : null;

    protected override IChunkIndex Index => _index ?? throw new SkipException("QDRANT_URL is not set (the gRPC endpoint of a Qdrant server 1.16 or later)");

    public override Task InitializeAsync() => Url is null ? Task.CompletedTask : base.InitializeAsync();

    public override async Task DisposeAsync()
    {
        if (Url is not null)
        {
            using var admin = new QdrantClient(new Uri(Url), ApiKey);
            await admin.DeleteCollectionAsync(_collection);
        }
        await base.DisposeAsync();
    }

    public void Dispose() => _index?.Dispose();
}
