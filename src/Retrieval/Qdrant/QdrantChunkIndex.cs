using System.Diagnostics;
using Grpc.Core;
using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Retrieval.Embedded;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Qdrant;

/// <summary>
/// The chunk index of the distributed shape: one Qdrant point per chunk, with a named dense vector
/// (cosine), a named sparse BM25 vector (IDF applied by Qdrant) and every chunk and source field as
/// payload. A hybrid search asks both sides in one batch and fuses them on the client, as the embedded index does.
/// </summary>
/// <remarks>
/// <para>
/// Only writes (replace, delete, edition flips) and <see cref="InitializeAsync"/> create the collection and its payload
/// indexes; reads never write anything, so a search node can hold a read-only API key. A read on a collection that does
/// not exist throws <see cref="IndexNotInitializedException"/> ("nothing indexed yet").
/// </para>
/// <para>
/// Qdrant has no multi-point transactions: while a document is being replaced, a reader can see a mix
/// of its old and new chunks; point ids are deterministic, so a repeat or a resumed replace converges.
/// Writes are waited and strongly ordered (<see cref="QdrantWrites"/>), have their own deadline
/// (<see cref="QdrantOptions.WriteTimeoutSeconds"/>), and every call is retried on transient failures (<see cref="QdrantRetry"/>).
/// The collection's metadata records the embedding model of its vectors; a write or dense search with another
/// model is refused (<see cref="QdrantEmbeddingModel"/>).
/// </para>
/// </remarks>
public sealed class QdrantChunkIndex : IChunkIndex, IDisposable
{
    private readonly QdrantGrpcClient _grpc;
    private readonly bool _ownsClient;
    private readonly QdrantClient _reads;
    private readonly QdrantClient _writes;
    private readonly QdrantOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _transientRetry;
    private readonly ResiliencePipeline _notReadyRetry;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private readonly Func<EmbeddingModel>? _embeddingModel;
    private volatile bool _serverChecked;
    private volatile bool _initialized;
    private volatile bool _embeddingModelChecked;
    // Learned from the collection's info (by InitializeAsync, the model check, or the first search): collections made
    // before text vectors were kept have none, so nothing is written to or asked of them.
    private volatile bool _hasTextVector;
    private volatile bool _layoutKnown;

    /// <param name="embeddingModel">
    /// The configured embedding model, asked for at the first write or dense search rather than here (loading the model
    /// is slow, and deleting or a BM25 search do not need it); null: the collection's model is not checked.
    /// </param>
    public QdrantChunkIndex(IOptions<QdrantOptions> options, ILogger<QdrantChunkIndex> logger, Func<EmbeddingModel>? embeddingModel = null)
        : this(CreateClient(options), ownsClient: true, options.Value, logger, embeddingModel)
    {
    }

    /// <param name="client">The connection; reads and writes share it, each with its own deadline.</param>
    internal QdrantChunkIndex(QdrantGrpcClient client, bool ownsClient, QdrantOptions options, ILogger logger, Func<EmbeddingModel>? embeddingModel = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _grpc = client;
        _ownsClient = ownsClient;
        _reads = new QdrantClient(client, TimeSpan.FromSeconds(options.TimeoutSeconds));
        _writes = new QdrantClient(client, TimeSpan.FromSeconds(options.WriteTimeoutSeconds));
        _options = options;
        _logger = logger;
        _embeddingModel = embeddingModel;
        _transientRetry = QdrantRetry.Transient(options.TransientRetries, logger);
        _notReadyRetry = QdrantRetry.NotReady(options.Collection, logger);
    }

    public string Collection => _options.Collection;

    public async Task ReplaceDocumentAsync(ChunkSource source, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(source.DocumentId, nameof(source));
        ArgumentNullException.ThrowIfNull(chunks);
        Validate(source, chunks);

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await EnsureEmbeddingModelAsync(record: true, cancellationToken).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var ids = chunks.Select(c => PointIds.For(source.DocumentId, source.Edition, c.Chunk.ChunkNo)).ToList();
        var textVectorName = _hasTextVector ? _options.TextVectorName : null;
        var points = chunks.Select(c => QdrantPointMapper.ToPoint(source, c, _options.DenseVectorName, _options.SparseVectorName, textVectorName));
        foreach (var batch in QdrantBatches.Split(points, _options.UpsertBatchSize, _options.UpsertBatchBytes))
        {
            var request = QdrantWrites.Upsert(_options.Collection, batch);
            await CallAsync(ct => _writes.UpsertAsync(request, ct), cancellationToken).ConfigureAwait(false);
        }

        // Leftovers of a longer previous version (or one with another edition label): every point of the
        // document that was not just written.
        var leftovers = QdrantFilterMapper.DocumentExcept(source.DocumentId, ids);
        await CallAsync(ct => _writes.DeleteAsync(_options.Collection, leftovers, wait: QdrantWrites.Wait, ordering: QdrantWrites.Ordering, cancellationToken: ct), cancellationToken)
            .ConfigureAwait(false);
        QdrantLog.ChunksReplaced(_logger, source.DocumentId, _options.Collection, chunks.Count, watch.ElapsedMilliseconds);
    }

    /// <remarks>
    /// The new current edition is marked first and the others unmarked after, so a search in between sees
    /// two current editions for a moment rather than none (no gap in service). Both writes are waited and strongly
    /// ordered, so a later flip of the same guideline is applied after this one on every replica.
    /// </remarks>
    public async Task SetCurrentEditionAsync(string guidelineKey, string? currentDocumentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(guidelineKey);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        if (currentDocumentId is not null)
        {
            await SetCurrentAsync(true, QdrantFilterMapper.Edition(guidelineKey, currentDocumentId), cancellationToken).ConfigureAwait(false);
        }
        await SetCurrentAsync(false, QdrantFilterMapper.OtherEditions(guidelineKey, currentDocumentId), cancellationToken).ConfigureAwait(false);
        QdrantLog.CurrentChanged(_logger, guidelineKey, currentDocumentId, _options.Collection);
    }

    public async Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var filter = QdrantFilterMapper.Document(documentId);
        await CallAsync(ct => _writes.DeleteAsync(_options.Collection, filter, wait: QdrantWrites.Wait, ordering: QdrantWrites.Ordering, cancellationToken: ct), cancellationToken)
            .ConfigureAwait(false);
        QdrantLog.DocumentDeleted(_logger, documentId, _options.Collection);
    }

    /// <summary>The document's chunks in chunk number order (empty when it has none).</summary>
    /// <exception cref="IndexNotInitializedException">The collection does not exist.</exception>
    public async Task<IReadOnlyList<Chunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        await CheckServerAsync(cancellationToken).ConfigureAwait(false);
        var filter = QdrantFilterMapper.Document(documentId);
        var chunks = new List<Chunk>();
        PointId? offset = null;
        do
        {
            var from = offset;
            var page = await ReadAsync(ct => _reads.ScrollAsync(
                _options.Collection,
                filter,
                limit: (uint)_options.ScrollPageSize,
                offset: from,
                payloadSelector: true,
                vectorsSelector: false,
                cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            chunks.AddRange(page.Result.Select(p => QdrantPointMapper.ToChunk(p.Payload)));
            offset = page.NextPageOffset;
        }
        while (offset is not null);
        return chunks.OrderBy(c => c.ChunkNo).ToList();
    }

    /// <exception cref="IndexNotInitializedException">The collection does not exist.</exception>
    public async Task<IReadOnlyList<IndexHit>> SearchAsync(IndexQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var plan = QdrantSearchPlan.For(query, _options);
        if (plan is null)
        {
            return [];
        }
        await CheckServerAsync(cancellationToken).ConfigureAwait(false);
        if (query.Vector is not null)
        {
            await EnsureEmbeddingModelAsync(record: false, cancellationToken).ConfigureAwait(false);
        }
        if (!_layoutKnown)
        {
            LearnLayout(await ReadAsync(ct => _reads.GetCollectionInfoAsync(_options.Collection, ct), cancellationToken).ConfigureAwait(false));
        }
        var watch = Stopwatch.StartNew();
        var answers = await ReadAsync(ct => _reads.QueryBatchAsync(_options.Collection, plan.Sides, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        var ranked = QdrantRanking.Rank(plan, answers.Select(a => (IReadOnlyList<RankedChunk>)QdrantRanking.Side(a.Result)).ToList());
        if (ranked.Count == 0)
        {
            return [];
        }

        // The full payload of the hits only (and their text vectors where kept); a point deleted in between is left out,
        // as the embedded index does.
        var ids = ranked.Select(r => r.Chunk.Id).ToList();
        var vectors = _hasTextVector
            ? new WithVectorsSelector { Include = new VectorsSelector { Names = { _options.TextVectorName } } }
            : new WithVectorsSelector { Enable = false };
        var points = await ReadAsync(ct => _reads.RetrieveAsync(_options.Collection, ids, new WithPayloadSelector { Enable = true }, vectors, cancellationToken: ct), cancellationToken)
            .ConfigureAwait(false);
        var byId = points.ToDictionary(p => p.Id);
        var hits = ranked.Where(r => byId.ContainsKey(r.Chunk.Id))
            .Select(r => QdrantPointMapper.ToHit(byId[r.Chunk.Id].Payload, r.Score, QdrantPointMapper.DenseOf(byId[r.Chunk.Id].Vectors, _options.TextVectorName)))
            .ToList();
        QdrantLog.Searched(_logger, query.Mode, hits.Count, watch.ElapsedMilliseconds);
        return hits;
    }

    /// <summary>Chunk counts from the full-text index on the chunk text (words lower-cased; approximate counts are enough).</summary>
    /// <exception cref="IndexNotInitializedException">The collection does not exist.</exception>
    public async Task<IReadOnlyDictionary<string, long>> CountChunksWithWordsAsync(IReadOnlyCollection<string> words, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(words);
        await CheckServerAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var word in words.Distinct(StringComparer.Ordinal))
        {
            if (QdrantWordCount.FilterFor(word) is not { } filter)
            {
                continue;
            }
            counts[word] = (long)await ReadAsync(ct => _reads.CountAsync(_options.Collection, filter, exact: false, cancellationToken: ct), cancellationToken)
                .ConfigureAwait(false);
        }
        return counts;
    }

    /// <summary>
    /// Checks the server version, then creates the collection (named dense vector, cosine; named sparse vector with
    /// IDF) when missing or verifies the existing one, and creates the payload indexes the filters use. Once per
    /// instance; safe when processes race. Needs a key that may write (reads never call it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The server is older than 1.16, or the collection was made for another configuration.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }
        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }
            await CheckServerAsync(cancellationToken).ConfigureAwait(false);
            bool createdElsewhere = false;
            if (await CallAsync(ct => _reads.CollectionExistsAsync(_options.Collection, ct), cancellationToken).ConfigureAwait(false))
            {
                var info = await CallAsync(ct => _reads.GetCollectionInfoAsync(_options.Collection, ct), cancellationToken).ConfigureAwait(false);
                QdrantSchema.Check(info, _options);
                LearnLayout(info);
            }
            else
            {
                try
                {
                    await CallAsync(ct => _writes.CreateCollectionAsync(
                        _options.Collection,
                        QdrantSchema.DenseVectors(_options),
                        shardNumber: (uint)_options.ShardNumber,
                        replicationFactor: (uint)_options.ReplicationFactor,
                        sparseVectorsConfig: QdrantSchema.SparseVectors(_options),
                        cancellationToken: ct), cancellationToken).ConfigureAwait(false);
                    QdrantLog.CollectionCreated(_logger, _options.Collection, _options.DenseVectorName, _options.Dimension, _options.SparseVectorName);
                    _hasTextVector = true;
                    _layoutKnown = true;
                }
                catch (RpcException e) when (QdrantRetry.IsAlreadyExists(e))
                {
                    createdElsewhere = true;
                    QdrantLog.CollectionCreatedElsewhere(_logger, _options.Collection);
                }
                if (createdElsewhere)
                {
                    // Made by another process with its own options: check them against ours.
                    var info = await _notReadyRetry.ExecuteAsync(async ct => await _reads.GetCollectionInfoAsync(_options.Collection, ct).ConfigureAwait(false), cancellationToken)
                        .ConfigureAwait(false);
                    QdrantSchema.Check(info, _options);
                    LearnLayout(info);
                }
            }
            await CreatePayloadIndexesAsync(retry: createdElsewhere, cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <summary>Read-only: compares the collection's recorded model with the configured one; nothing to check when the collection does not exist yet.</summary>
    public async Task CheckEmbeddingModelAsync(CancellationToken cancellationToken)
    {
        if (_embeddingModel is null)
        {
            return;
        }
        await CheckServerAsync(cancellationToken).ConfigureAwait(false);
        if (!await ReadAsync(ct => _reads.CollectionExistsAsync(_options.Collection, ct), cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        await EnsureEmbeddingModelAsync(record: false, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _initializeLock.Dispose();
        _reads.Dispose();
        _writes.Dispose();
        if (_ownsClient)
        {
            _grpc.Dispose();
        }
    }

    /// <summary>Refuses a server older than <see cref="QdrantServerVersion.Minimum"/>, once per instance (the health call needs no write rights).</summary>
    private async Task CheckServerAsync(CancellationToken cancellationToken)
    {
        if (_serverChecked)
        {
            return;
        }
        var health = await _transientRetry.ExecuteAsync(async ct => await _reads.HealthAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        QdrantServerVersion.Check(health.Version, _options.Endpoint);
        QdrantLog.ServerVersion(_logger, _options.Endpoint, health.Version);
        _serverChecked = true;
    }

    /// <summary>
    /// Refuses a collection whose vectors come from another model. A write (<paramref name="record"/>) also records the
    /// configured model when the collection has none; a read only compares. Settled once per instance when the record
    /// matches (a collection's vectors change model only by a re-ingest).
    /// </summary>
    /// <exception cref="EmbeddingModelMismatchException">The collection holds vectors of another model.</exception>
    private async Task EnsureEmbeddingModelAsync(bool record, CancellationToken cancellationToken)
    {
        if (_embeddingModel is null || _embeddingModelChecked)
        {
            return;
        }
        var configured = _embeddingModel();
        var info = await ReadAsync(ct => _reads.GetCollectionInfoAsync(_options.Collection, ct), cancellationToken).ConfigureAwait(false);
        LearnLayout(info);
        if (!QdrantEmbeddingModel.NeedsRecord(info, configured, _options.Collection))
        {
            _embeddingModelChecked = true;
        }
        else if (record)
        {
            await CallAsync(ct => _writes.UpdateCollectionAsync(_options.Collection, metadata: QdrantEmbeddingModel.ToMetadata(configured), cancellationToken: ct), cancellationToken)
                .ConfigureAwait(false);
            QdrantLog.EmbeddingModelRecorded(_logger, _options.Collection, configured.Id, configured.Dimension);
            _embeddingModelChecked = true;
        }
    }

    private void LearnLayout(CollectionInfo info)
    {
        _hasTextVector = QdrantSchema.HasTextVector(info, _options);
        _layoutKnown = true;
    }

    private async Task SetCurrentAsync(bool current, Filter filter, CancellationToken cancellationToken) =>
        await CallAsync(ct => _writes.SetPayloadAsync(
            _options.Collection,
            new Dictionary<string, Value> { [QdrantPayload.Current] = current },
            filter,
            wait: QdrantWrites.Wait,
            ordering: QdrantWrites.Ordering,
            cancellationToken: ct), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Creating an index that exists with the same type is a no-op in Qdrant. Right after losing a creation
    /// race the collection may not be ready yet (its shards still loading), hence the short retries then.
    /// </summary>
    private async Task CreatePayloadIndexesAsync(bool retry, CancellationToken cancellationToken)
    {
        var pipeline = retry ? _notReadyRetry : ResiliencePipeline.Empty;
        await pipeline.ExecuteAsync(async ct =>
        {
            foreach (var (field, type, parameters) in QdrantSchema.PayloadIndexes)
            {
                try
                {
                    await CallAsync(c => _writes.CreatePayloadIndexAsync(_options.Collection, field, type, parameters, wait: true, cancellationToken: c), ct)
                        .ConfigureAwait(false);
                }
                catch (RpcException e) when (QdrantRetry.IsAlreadyExists(e))
                {
                    // Another process made it meanwhile.
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A call (read or write: every one is idempotent) retried on transient failures.</summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await _transientRetry.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task CallAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await _transientRetry.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>A read retried on transient failures; a missing collection is "nothing indexed yet".</summary>
    /// <exception cref="IndexNotInitializedException">The collection does not exist.</exception>
    private async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (QdrantRetry.IsMissingCollection(e))
        {
            QdrantLog.CollectionMissing(_logger, _options.Collection);
            throw NothingIndexed(_options, e);
        }
    }

    internal static IndexNotInitializedException NothingIndexed(QdrantOptions options, Exception? inner = null) =>
        new($"Nothing is indexed yet: Qdrant collection {options.Collection} does not exist at {options.Endpoint}. "
            + "Ingest guidelines or run `meditron index init` first (or check Index:Qdrant:Collection).", inner!);

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

    private static QdrantGrpcClient CreateClient(IOptions<QdrantOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        return new QdrantGrpcClient(new Uri(value.Endpoint), string.IsNullOrEmpty(value.ApiKey) ? null : value.ApiKey);
    }
}
