using Microsoft.Extensions.Logging;

namespace Meditron.Application.Syncing;

/// <summary>Sync logs: sources, statuses, sizes and reasons; never document text.</summary>
internal static partial class SyncLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Source {Source}: {Status}{Detail}")]
    public static partial void SourceDone(ILogger logger, string source, string status, string detail);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Download of {Uri} broke off after {ByteCount} bytes (try {Attempt}): {Error}; resuming")]
    public static partial void DownloadBroken(ILogger logger, Uri uri, long byteCount, int attempt, string error);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Download of {Uri} restarts from the start: the server answered {StatusCode} to the range request")]
    public static partial void ResumeRefused(ILogger logger, Uri uri, int statusCode);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Debug, Message = "GET {Uri} (If-None-Match {ETag}, If-Modified-Since {LastModified})")]
    public static partial void Conditional(ILogger logger, Uri uri, string? etag, DateTimeOffset? lastModified);
}
