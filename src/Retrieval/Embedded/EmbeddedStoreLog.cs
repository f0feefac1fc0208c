using Microsoft.Extensions.Logging;

namespace Meditron.Retrieval.Embedded;

internal static partial class EmbeddedStoreLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Embedded store schema at {Path} migrated from version {From} to {To}")]
    public static partial void SchemaMigrated(ILogger logger, string path, int from, int to);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Embedded store busy (SQLite error {ErrorCode}); retry {Attempt} of {MaxAttempts} in {DelayMs} ms")]
    public static partial void BusyRetry(ILogger logger, int errorCode, int attempt, int maxAttempts, long delayMs);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Replaced chunks of document {DocumentId}: {Count} chunks in {ElapsedMs} ms")]
    public static partial void ChunksReplaced(ILogger logger, string documentId, int count, long elapsedMs);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Guideline {GuidelineKey}: document {DocumentId} is now the current edition")]
    public static partial void CurrentChanged(ILogger logger, string guidelineKey, string documentId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Deleted document {DocumentId} of guideline {GuidelineKey} with its chunks")]
    public static partial void DocumentDeleted(ILogger logger, string documentId, string guidelineKey);
}
