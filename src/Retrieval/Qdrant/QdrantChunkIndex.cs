using System.Diagnostics;
using Grpc.Core;
using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Retrieval.Embedded;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Qdrant;

/// <summary>
/// The chunk index of the distributed shape: one Qdrant point per chunk, with a named dense vector
/// (cosine), a named sparse BM25 vector (IDF applied by Qdrant) and every chunk and source field as
/// payload. Hybrid search is fused server-side by reciprocal rank.
/// </summary>
/// <remarks>
/// The collection is created at first use when missing (safe when several processes race to do it).
/// Qdrant has no multi-point transactions: while a document is being replaced, a reader can see a mix
/// of its old and new chunks; point ids are deterministic, so a repeat or a resumed replace converges.
/// The collection's metadata records the embedding model of its vectors; a write or dense search with another
/// model is refused (<see cref="QdrantEmbeddingModel"/>).
/// </remarks>
public sealed class QdrantChunkIndex : IChunkIndex, IDisposable
{
    private const int ScrollPageSize = 256;

    private static readonly (string Field, PayloadSchemaType Type, PayloadIndexParams? Parameters)[] PayloadIndexes =
    [
        (QdrantPayload.DocumentId, PayloadSchemaType.Keyword, null),
        (QdrantPayload.Guideline, PayloadSchemaType.Keyword, null),
        (QdrantPayload.Publisher, PayloadSchemaType.Keyword, null),
        (QdrantPayload.Language, PayloadSchemaType.Keyword, null),
        (QdrantPayload.Current, PayloadSchemaType.Bool, null),
        (QdrantPayload.Year, PayloadSchemaType.Integer, null),
        (QdrantPayload.Kind, PayloadSchemaType.Keyword, null),
        (QdrantPayload.Text, PayloadSchemaType.Text, QdrantWordCount.TextIndex),
    ];

    private readonly QdrantClient _client;
    private readonly bool _ownsClient;
    private readonly QdrantOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _notReadyRetry;
    private readonly SemaphoreSlim _ensureLock = new(1, 1);
    private readonly Func<EmbeddingModel>? _embeddingModel;
    private volatile bool _ready;
    private volatile bool _embeddingModelChecked;

    /// <param name="embeddingModel">
    /// The configured embedding model, asked for at the first write or dense search rather than here (loading the model
    /// is slow, and deleting or a BM25 search do not need it); null: the collection's model is not checked.
    /// </param>
    public QdrantChunkIndex(IOptions<QdrantOptions> options, ILogger<QdrantChunkIndex> logger, Func<EmbeddingModel>? embeddingModel = null)
        : this(CreateClient(options), ownsClient: true, options.Value, logger, embeddingModel)
    {
    }

    internal QdrantChunkIndex(QdrantClient client, bool ownsClient, QdrantOptions options, ILogger logger, Func<EmbeddingModel>? embeddingModel = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _ownsClient = ownsClient;
        _options = options;
        _logger = logger;
        _embeddingModel = embeddingModel;
        _notReadyRetry = BuildNotReadyRetry(options.Collection, logger);
    }

    public string Collection => _options.Collection;

    public async Task ReplaceDocumentAsync(ChunkSource source, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(source.DocumentId, nameof(source));
        ArgumentNullException.ThrowIfNull(chunks);
        Validate(source, chunks);

        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureEmbeddingModelAsync(cancellationToken).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var ids = new List<Guid>(chunks.Count);
        foreach (var batch in chunks.Chunk(_options.UpsertBatchSize))
        {
            var points = batch.Select(c => QdrantPointMapper.ToPoint(source, c, _options.DenseVectorName, _options.SparseVectorName)).ToList();
            ids.AddRange(batch.Select(c => PointIds.For(source.DocumentId, source.Edition, c.Chunk.ChunkNo)));
            await _client.UpsertAsync(_options.Collection, points, wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // Leftovers of a longer previous version (or one with another edition label): every point of the
        // document that was not just written.
        await _client.DeleteAsync(_options.Collection, QdrantFilterMapper.DocumentExcept(source.DocumentId, ids), wait: true, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        QdrantLog.ChunksReplaced(_logger, source.DocumentId, _options.Collection, chunks.Count, watch.ElapsedMilliseconds);
    }

    /// <remarks>
    /// The new current edition is marked first and the others unmarked after, so a search in between sees
    /// two current editions for a moment rather than none (no gap in service).
    /// </remarks>
    public async Task SetCurrentEditionAsync(string guidelineKey, string? currentDocumentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(guidelineKey);
        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
        if (currentDocumentId is not null)
        {
            await _client.SetPayloadAsync(
                _options.Collection,
                new Dictionary<string, Value> { [QdrantPayload.Current] = true },
                QdrantFilterMapper.Edition(guidelineKey, currentDocumentId),
                wait: true,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        await _client.SetPayloadAsync(
            _options.Collection,
            new Dictionary<string, Value> { [QdrantPayload.Current] = false },
            QdrantFilterMapper.OtherEditions(guidelineKey, currentDocumentId),
            wait: true,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        QdrantLog.CurrentChanged(_logger, guidelineKey, currentDocumentId, _options.Collection);
    }

    public async Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
        await _client.DeleteAsync(_options.Collection, QdrantFilterMapper.Document(documentId), wait: true, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        QdrantLog.DocumentDeleted(_logger, documentId, _options.Collection);
    }

    /// <summary>The document's chunks in chunk number order (empty when it has none).</summary>
    public async Task<IReadOnlyList<Chunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
        var filter = QdrantFilterMapper.Document(documentId);
        var chunks = new List<Chunk>();
        PointId? offset = null;
        do
        {
            var page = await _client.ScrollAsync(
                _options.Collection,
                filter,
                limit: ScrollPageSize,
                offset: offset,
                payloadSelector: true,
                vectorsSelector: false,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            chunks.AddRange(page.Result.Select(p => QdrantPointMapper.ToChunk(p.Payload)));
            offset = page.NextPageOffset;
        }
        while (offset is not null);
        return chunks.OrderBy(c => c.ChunkNo).ToList();
    }

    public async Task<IReadOnlyList<IndexHit>> SearchAsync(IndexQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var plan = QdrantSearchPlan.For(query, _options);
        if (plan is null)
        {
            return [];
        }
        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
        if (query.Vector is not null)
        {
            await EnsureEmbeddingModelAsync(cancellationToken).ConfigureAwait(false);
        }
        var watch = Stopwatch.StartNew();
        var points = await _client.QueryAsync(
            _options.Collection,
            query: plan.Query,
            prefetch: plan.Prefetch.Count > 0 ? plan.Prefetch : null,
            usingVector: plan.Using,
            filter: plan.Filter,
            limit: plan.Limit,
            payloadSelector: true,
            vectorsSelector: false,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var hits = points.Take(query.Limit).Select(QdrantPointMapper.ToHit).ToList();
        QdrantLog.Searched(_logger, query.Mode, hits.Count, watch.ElapsedMilliseconds);
        return hits;
    }

    /// <summary>Chunk counts from the full-text index on the chunk text (words lower-cased; approximate counts are enough).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountChunksWithWordsAsync(IReadOnlyCollection<string> words, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(words);
        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var word in words.Distinct(StringComparer.Ordinal))
        {
            if (QdrantWordCount.FilterFor(word) is not { } filter)
            {
                continue;
            }
            counts[word] = (long)await _client.CountAsync(_options.Collection, filter, exact: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        return counts;
    }

    /// <summary>
    /// Creates the collection (named dense vector, cosine; named sparse vector with IDF) and the payload
    /// indexes the filters use, when missing. Runs once per instance; safe when processes race.
    /// </summary>
    public async Task EnsureCollectionAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }
        await _ensureLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }
            bool createdElsewhere = false;
            if (await _client.CollectionExistsAsync(_options.Collection, cancellationToken).ConfigureAwait(false))
            {
                var info = await _client.GetCollectionInfoAsync(_options.Collection, cancellationToken).ConfigureAwait(false);
                CheckSchema(info, _options);
            }
            else
            {
                try
                {
                    await _client.CreateCollectionAsync(
                        _options.Collection,
                        new VectorParamsMap
                        {
                            Map = { [_options.DenseVectorName] = new VectorParams { Size = (ulong)_options.Dimension, Distance = Distance.Cosine } },
                        },
                        sparseVectorsConfig: new SparseVectorConfig
                        {
                            Map = { [_options.SparseVectorName] = new SparseVectorParams { Modifier = Modifier.Idf } },
                        },
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                    QdrantLog.CollectionCreated(_logger, _options.Collection, _options.DenseVectorName, _options.Dimension, _options.SparseVectorName);
                }
                catch (RpcException e) when (IsAlreadyExists(e))
                {
                    createdElsewhere = true;
                    QdrantLog.CollectionCreatedElsewhere(_logger, _options.Collection);
                }
            }
            await CreatePayloadIndexesAsync(retry: createdElsewhere, cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _ensureLock.Release();
        }
    }

    public async Task CheckEmbeddingModelAsync(CancellationToken cancellationToken)
    {
        if (_embeddingModel is null)
        {
            return;
        }
        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureEmbeddingModelAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the configured embedding model in the collection's metadata when it has none, and refuses a collection
    /// whose vectors come from another model. Once per instance (a collection's vectors change model only by a re-ingest).
    /// </summary>
    /// <exception cref="EmbeddingModelMismatchException">The collection holds vectors of another model.</exception>
    private async Task EnsureEmbeddingModelAsync(CancellationToken cancellationToken)
    {
        if (_embeddingModel is null || _embeddingModelChecked)
        {
            return;
        }
        var configured = _embeddingModel();
        var info = await _client.GetCollectionInfoAsync(_options.Collection, cancellationToken).ConfigureAwait(false);
        if (QdrantEmbeddingModel.NeedsRecord(info, configured, _options.Collection))
        {
            await _client.UpdateCollectionAsync(_options.Collection, metadata: QdrantEmbeddingModel.ToMetadata(configured), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            QdrantLog.EmbeddingModelRecorded(_logger, _options.Collection, configured.Id, configured.Dimension);
        }
        _embeddingModelChecked = true;
    }

    public void Dispose()
    {
        _ensureLock.Dispose();
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>
    /// Creating an index that exists with the same type is a no-op in Qdrant. Right after losing a creation
    /// race the collection may not be ready yet (its shards still loading), hence the short retries then.
    /// </summary>
    private async Task CreatePayloadIndexesAsync(bool retry, CancellationToken cancellationToken)
    {
        var pipeline = retry ? _notReadyRetry : ResiliencePipeline.Empty;
        await pipeline.ExecuteAsync(async ct =>
        {
            foreach (var (field, type, parameters) in PayloadIndexes)
            {
                try
                {
                    await _client.CreatePayloadIndexAsync(_options.Collection, field, type, parameters, wait: true, cancellationToken: ct)
                        .ConfigureAwait(false);
                }
                catch (RpcException e) when (IsAlreadyExists(e))
                {
                    // Another process made it meanwhile.
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Up to 5 retries, 200 ms doubling (3.2 s before the last), on the answers of a collection whose shards
    /// are still loading; any other error, or the last one, is thrown as is.
    /// </summary>
    internal static ResiliencePipeline BuildNotReadyRetry(string collection, ILogger logger) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode is StatusCode.NotFound or StatusCode.Internal or StatusCode.Unavailable),
                MaxRetryAttempts = 5,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                OnRetry = args =>
                {
                    QdrantLog.CollectionNotReady(logger, collection, args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds, args.Outcome.Exception!);
                    return default;
                },
            })
            .Build();

    /// <summary>Refuses an existing collection whose vectors do not fit these options (another embedding model, other names).</summary>
    /// <exception cref="InvalidOperationException">The collection lacks the named dense vector of the configured size, or the named sparse vector.</exception>
    internal static void CheckSchema(CollectionInfo info, QdrantOptions options)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(options);
        var parameters = info.Config?.Params;
        var dense = parameters?.VectorsConfig?.ParamsMap?.Map;
        if (dense is null || !dense.TryGetValue(options.DenseVectorName, out var vector))
        {
            throw new InvalidOperationException(
                $"Qdrant collection {options.Collection} has no dense vector named '{options.DenseVectorName}'; it was made for another configuration.");
        }
        if (vector.Size != (ulong)options.Dimension)
        {
            throw new InvalidOperationException(
                $"Qdrant collection {options.Collection} holds {vector.Size}-dimension vectors; this configuration embeds in {options.Dimension}. Use another collection or re-index.");
        }
        if (parameters!.SparseVectorsConfig?.Map is not { } sparse || !sparse.ContainsKey(options.SparseVectorName))
        {
            throw new InvalidOperationException(
                $"Qdrant collection {options.Collection} has no sparse vector named '{options.SparseVectorName}'; it was made for another configuration.");
        }
    }

    /// <summary>Qdrant 1.8+ answers ALREADY_EXISTS; older servers INVALID_ARGUMENT with "already exists" in the message.</summary>
    internal static bool IsAlreadyExists(RpcException exception) =>
        exception.StatusCode == StatusCode.AlreadyExists
        || (exception.StatusCode == StatusCode.InvalidArgument && exception.Status.Detail.Contains("already exists", StringComparison.OrdinalIgnoreCase));

    private void Validate(ChunkSource source, IReadOnlyList<EmbeddedChunk> chunks)
    {
        var seen = new HashSet<int>();
        foreach (var item in chunks)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(chunks));
            ArgumentNullException.ThrowIfNull(item.Chunk, nameof(chunks));
            ArgumentNullException.ThrowIfNull(item.Vector, nameof(chunks));
            if (!string.Equals(item.Chunk.DocumentId, source.DocumentId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Chunk {item.Chunk.ChunkNo} belongs to document {item.Chunk.DocumentId}, not {source.DocumentId}.", nameof(chunks));
            }
            if (item.Vector.Length != _options.Dimension)
            {
                throw new ArgumentException($"Chunk {item.Chunk.ChunkNo} has a {item.Vector.Length}-dimension vector; the index expects {_options.Dimension}.", nameof(chunks));
            }
            if (!seen.Add(item.Chunk.ChunkNo))
            {
                throw new ArgumentException($"Chunk number {item.Chunk.ChunkNo} appears twice.", nameof(chunks));
            }
        }
    }

    private static QdrantClient CreateClient(IOptions<QdrantOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        return new QdrantClient(
            new Uri(value.Endpoint),
            apiKey: string.IsNullOrEmpty(value.ApiKey) ? null : value.ApiKey,
            grpcTimeout: TimeSpan.FromSeconds(value.TimeoutSeconds));
    }
}
