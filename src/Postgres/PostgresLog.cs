using Microsoft.Extensions.Logging;

namespace Meditron.Postgres;

internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "PostgreSQL schema {Schema} migrated from version {From} to {To}")]
    public static partial void SchemaMigrated(ILogger logger, string schema, int from, int to);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Current edition of {GuidelineKey} is now {DocumentId}")]
    public static partial void CurrentChanged(ILogger logger, string guidelineKey, string documentId);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Information, Message = "Deleted document {DocumentId} of {GuidelineKey}")]
    public static partial void DocumentDeleted(ILogger logger, string documentId, string guidelineKey);
}
