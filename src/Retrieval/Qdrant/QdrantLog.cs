using Microsoft.Extensions.Logging;

namespace Meditron.Retrieval.Qdrant;

internal static partial class QdrantLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Qdrant collection {Collection} created (dense {DenseVector}: {Dimension} dimensions, cosine; sparse {SparseVector} with IDF)")]
    public static partial void CollectionCreated(ILogger logger, string collection, string denseVector, int dimension, string sparseVector);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Qdrant collection {Collection} was created by another process meanwhile")]
    public static partial void CollectionCreatedElsewhere(ILogger logger, string collection);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "Replaced chunks of document {DocumentId} in Qdrant collection {Collection}: {Count} points in {ElapsedMs} ms")]
    public static partial void ChunksReplaced(ILogger logger, string documentId, string collection, int count, long elapsedMs);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Guideline {GuidelineKey}: document {DocumentId} is now the current edition in Qdrant collection {Collection}")]
    public static partial void CurrentChanged(ILogger logger, string guidelineKey, string? documentId, string collection);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Debug, Message = "Deleted document {DocumentId} from Qdrant collection {Collection}")]
    public static partial void DocumentDeleted(ILogger logger, string documentId, string collection);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Debug, Message = "Qdrant {Mode} search: {Hits} hits in {ElapsedMs} ms")]
    public static partial void Searched(ILogger logger, Meditron.Core.Retrieval.SearchMode mode, int hits, long elapsedMs);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Information, Message = "Qdrant collection {Collection} records embedding model {ModelId} ({Dimension} dimensions)")]
    public static partial void EmbeddingModelRecorded(ILogger logger, string collection, string modelId, int dimension);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "Qdrant collection {Collection} not ready after creation race; retry {Attempt} in {DelayMs} ms")]
    public static partial void CollectionNotReady(ILogger logger, string collection, int attempt, int delayMs, Exception exception);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Warning, Message = "Qdrant call failed with {Status}; retry {Attempt} in {DelayMs} ms")]
    public static partial void TransientFailure(ILogger logger, Grpc.Core.StatusCode status, int attempt, int delayMs, Exception exception);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Qdrant server {Endpoint} is version {Version}")]
    public static partial void ServerVersion(ILogger logger, string endpoint, string version);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Qdrant collection {Collection} does not exist: nothing indexed yet (ingest guidelines or run `meditron index init`)")]
    public static partial void CollectionMissing(ILogger logger, string collection);
}
