using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Retrieval.Qdrant;
using Meditron.Retrieval.Tests.Contract;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using Xunit.Abstractions;

namespace Meditron.Retrieval.Tests.Qdrant;

/// <summary>
/// The <see cref="ChunkIndexContract"/> against a real Qdrant server at <c>QDRANT_URL</c> (its gRPC port, e.g.
/// <c>http://localhost:6334</c>; <c>QDRANT_API_KEY</c> when the server needs one; version 1.16 or later). Each test gets
/// a collection of its own, deleted afterwards. Without <c>QDRANT_URL</c> every test is reported skipped.
/// </summary>
/// <remarks>
/// Batches and scroll pages are made small (8 points, 16 KiB), so the contract's larger documents cross several upsert
/// batches (split by count and by bytes) and several scroll pages.
/// </remarks>
public sealed class QdrantContractTests : ChunkIndexContract, IDisposable
{
    private static readonly string? Url = Environment.GetEnvironmentVariable("QDRANT_URL") is { Length: > 0 } url ? url : null;

    private readonly string _collection = "meditron_contract_" + Guid.NewGuid().ToString("N");
    private QdrantGrpcClient? _grpc;
    private QdrantClient? _admin;
    private QdrantChunkIndex? _index;
    private readonly List<QdrantChunkIndex> _others = [];

    public QdrantContractTests(ITestOutputHelper output)
        : base(output)
    {
    }

    protected override bool IsAvailable => Url is not null;

    protected override string UnavailableReason => "QDRANT_URL is not set (the gRPC endpoint of a Qdrant server 1.16 or later, e.g. http://localhost:6334)";

    private QdrantOptions Options(string? collection = null) => new()
    {
        Endpoint = Url!,
        Collection = collection ?? _collection,
        Dimension = Dimension,
        TimeoutSeconds = 30,
        UpsertBatchSize = 8,
        UpsertBatchBytes = 16 * 1024,
        ScrollPageSize = 8,
    };

    private QdrantClient Admin
    {
        get
        {
            if (_grpc is null)
            {
                string? apiKey = Environment.GetEnvironmentVariable("QDRANT_API_KEY");
                _grpc = new QdrantGrpcClient(new Uri(Url!), string.IsNullOrEmpty(apiKey) ? null : apiKey);
                _admin = new QdrantClient(_grpc, TimeSpan.FromSeconds(30));
            }
            return _admin!;
        }
    }

    private QdrantChunkIndex NewIndex(QdrantOptions? options = null, Func<EmbeddingModel>? model = null)
    {
        _ = Admin;
        var index = new QdrantChunkIndex(_grpc!, ownsClient: false, options ?? Options(), NullLogger.Instance, model);
        _others.Add(index);
        return index;
    }

    /// <summary>Not initialised here: the contract's first write must create the collection itself.</summary>
    protected override Task<IChunkIndex> CreateIndexAsync()
    {
        _index ??= NewIndex();
        return Task.FromResult<IChunkIndex>(_index);
    }

    /// <remarks>Needs Qdrant 1.16 or later, which keeps collection metadata (older servers drop it).</remarks>
    protected override async Task<IChunkIndex> CreateIndexForAsync(EmbeddingModel model)
    {
        await CreateIndexAsync();
        return NewIndex(model: () => model);
    }

    /// <summary>Qdrant keeps no registry: a document exists through its points.</summary>
    protected override Task RegisterAsync(ChunkSource source) => Task.CompletedTask;

    protected override Task MarkCurrentAsync(string guidelineKey, string documentId) =>
        _index!.SetCurrentEditionAsync(guidelineKey, documentId, CancellationToken.None);

    protected override Task ForgetAsync(string documentId) => Task.CompletedTask;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_admin is not null)
        {
            try
            {
                if (await _admin.CollectionExistsAsync(_collection))
                {
                    await _admin.DeleteCollectionAsync(_collection);
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
        _index = null;
        _admin?.Dispose();
        _admin = null;
        _grpc?.Dispose();
        _grpc = null;
    }

    [SkippableFact]
    public async Task Collection_creation_is_idempotent_across_instances()
    {
        SkipUnlessAvailable();
        var others = Enumerable.Range(0, 4).Select(_ => NewIndex()).ToList();

        // Several processes meeting a missing collection at once: every one of them succeeds.
        await Task.WhenAll(others.Select(o => Task.Run(() => o.InitializeAsync(CancellationToken.None))));
        await NewIndex().InitializeAsync(CancellationToken.None);

        Assert.True(await Admin.CollectionExistsAsync(_collection));
        var info = await Admin.GetCollectionInfoAsync(_collection);
        QdrantSchema.Check(info, Options());
        Assert.All(QdrantSchema.PayloadIndexes, i => Assert.True(info.PayloadSchema.ContainsKey(i.Field), $"no payload index on {i.Field}"));
    }

    [SkippableFact]
    public async Task Reads_on_a_missing_collection_say_nothing_is_indexed_and_create_nothing()
    {
        SkipUnlessAvailable();
        var index = NewIndex(model: () => new EmbeddingModel("all-MiniLM-L6-v2", Dimension));
        var query = new IndexQuery("malaria", Enumerable.Repeat(1f / MathF.Sqrt(Dimension), Dimension).ToArray(), SearchMode.Hybrid, 5, new IndexFilter());

        var e = await Assert.ThrowsAsync<IndexNotInitializedException>(() => index.SearchAsync(query, CancellationToken.None));
        await Assert.ThrowsAsync<IndexNotInitializedException>(() => index.SearchAsync(query with { Vector = null, Mode = SearchMode.Bm25 }, CancellationToken.None));
        await Assert.ThrowsAsync<IndexNotInitializedException>(() => index.GetChunksAsync("d", CancellationToken.None));
        await Assert.ThrowsAsync<IndexNotInitializedException>(() => index.CountChunksWithWordsAsync(["malaria"], CancellationToken.None));
        await index.CheckEmbeddingModelAsync(CancellationToken.None);

        Assert.Contains(_collection, e.Message, StringComparison.Ordinal);
        Assert.False(await Admin.CollectionExistsAsync(_collection), "a read created the collection");
    }

    [SkippableFact]
    public async Task Initialize_refuses_a_collection_made_for_another_distance()
    {
        SkipUnlessAvailable();
        await Admin.CreateCollectionAsync(
            _collection,
            new VectorParamsMap { Map = { ["dense"] = new VectorParams { Size = Dimension, Distance = Distance.Dot } } },
            sparseVectorsConfig: QdrantSchema.SparseVectors(Options()));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => NewIndex().InitializeAsync(CancellationToken.None));

        Assert.Contains("Cosine", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Initialize_refuses_a_sparse_vector_without_idf()
    {
        SkipUnlessAvailable();
        await Admin.CreateCollectionAsync(
            _collection,
            QdrantSchema.DenseVectors(Options()),
            sparseVectorsConfig: new SparseVectorConfig { Map = { ["bm25"] = new SparseVectorParams() } });

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => NewIndex().InitializeAsync(CancellationToken.None));

        Assert.Contains("IDF", e.Message, StringComparison.Ordinal);
    }
}
