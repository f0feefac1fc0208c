using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Retrieval.Qdrant;
using Meditron.Retrieval.Tests.Contract;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client;
using Xunit.Abstractions;

namespace Meditron.Retrieval.Tests.Qdrant;

/// <summary>
/// The <see cref="ChunkIndexContract"/> against a real Qdrant server at <c>QDRANT_URL</c> (its gRPC port, e.g.
/// <c>http://localhost:6334</c>; <c>QDRANT_API_KEY</c> when the server needs one). Each test gets a collection of
/// its own, deleted afterwards. Without <c>QDRANT_URL</c> every test is reported skipped.
/// </summary>
public sealed class QdrantContractTests : ChunkIndexContract, IDisposable
{
    private static readonly string? Url = Environment.GetEnvironmentVariable("QDRANT_URL") is { Length: > 0 } url ? url : null;

    private readonly string _collection = "meditron_contract_" + Guid.NewGuid().ToString("N");
    private QdrantClient? _client;
    private QdrantChunkIndex? _index;
    private readonly List<QdrantChunkIndex> _others = [];

    public QdrantContractTests(ITestOutputHelper output)
        : base(output)
    {
    }

    protected override bool IsAvailable => Url is not null;

    protected override string UnavailableReason => "QDRANT_URL is not set (the gRPC endpoint of a Qdrant server, e.g. http://localhost:6334)";

    protected override Task<IChunkIndex> CreateIndexAsync()
    {
        if (_index is null)
        {
            var options = new QdrantOptions { Endpoint = Url!, Collection = _collection, Dimension = Dimension, TimeoutSeconds = 30 };
            string? apiKey = Environment.GetEnvironmentVariable("QDRANT_API_KEY");
            _client = new QdrantClient(new Uri(options.Endpoint), string.IsNullOrEmpty(apiKey) ? null : apiKey, TimeSpan.FromSeconds(options.TimeoutSeconds));
            _index = new QdrantChunkIndex(_client, ownsClient: false, options, NullLogger.Instance);
        }
        return Task.FromResult<IChunkIndex>(_index);
    }

    /// <remarks>Needs Qdrant 1.16 or later, which keeps collection metadata (older servers drop it).</remarks>
    protected override async Task<IChunkIndex> CreateIndexForAsync(EmbeddingModel model)
    {
        await CreateIndexAsync();
        var options = new QdrantOptions { Endpoint = Url!, Collection = _collection, Dimension = Dimension, TimeoutSeconds = 30 };
        var index = new QdrantChunkIndex(_client!, ownsClient: false, options, NullLogger.Instance, () => model);
        _others.Add(index);
        return index;
    }

    /// <summary>Qdrant keeps no registry: a document exists through its points.</summary>
    protected override Task RegisterAsync(ChunkSource source) => Task.CompletedTask;

    protected override Task MarkCurrentAsync(string guidelineKey, string documentId) =>
        _index!.SetCurrentEditionAsync(guidelineKey, documentId, CancellationToken.None);

    protected override Task ForgetAsync(string documentId) => Task.CompletedTask;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_client is not null)
        {
            try
            {
                if (await _client.CollectionExistsAsync(_collection))
                {
                    await _client.DeleteCollectionAsync(_collection);
                }
            }
            finally
            {
                Dispose();
            }
        }
    }

    public void Dispose()
    {
        _others.ForEach(o => o.Dispose());
        _others.Clear();
        _index?.Dispose();
        _index = null;
        _client?.Dispose();
        _client = null;
    }

    [SkippableFact]
    public async Task Collection_creation_is_idempotent_across_instances()
    {
        SkipUnlessAvailable();
        await CreateIndexAsync();
        var options = new QdrantOptions { Endpoint = Url!, Collection = _collection, Dimension = Dimension };
        var others = Enumerable.Range(0, 4).Select(_ => new QdrantChunkIndex(_client!, ownsClient: false, options, NullLogger.Instance)).ToList();
        try
        {
            // Several processes meeting a missing collection at once: every one of them succeeds.
            await Task.WhenAll(others.Select(o => Task.Run(() => o.EnsureCollectionAsync(CancellationToken.None))));
            await _index!.EnsureCollectionAsync(CancellationToken.None);
            Assert.True(await _client!.CollectionExistsAsync(_collection));
        }
        finally
        {
            others.ForEach(o => o.Dispose());
        }
    }
}
