using Microsoft.Extensions.Logging;

namespace Meditron.Messaging;

/// <summary>Log events of both transports: ids, queue names, attempts and counts, never message bodies.</summary>
internal static partial class MessagingLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Published message {MessageId} ({MessageType}, {ByteCount} bytes) to {Queue}")]
    public static partial void Published(ILogger logger, string messageId, string messageType, int byteCount, string queue);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "Message {MessageId} on {Queue} handled at attempt {Attempt} in {ElapsedMs} ms")]
    public static partial void Acked(ILogger logger, string messageId, string queue, int attempt, long elapsedMs);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Message {MessageId} on {Queue} requeued after attempt {Attempt} of {DeliveryLimit}: {Reason}")]
    public static partial void Requeued(ILogger logger, string messageId, string queue, int attempt, int deliveryLimit, string? reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} dead-lettered at attempt {Attempt}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string queue, int attempt, string? reason);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "The handler of {Queue} threw on message {MessageId} (attempt {Attempt}); counted as a transient error")]
    public static partial void HandlerThrew(ILogger logger, string queue, string messageId, int attempt, Exception exception);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} cannot be read as {ExpectedType} (sent as {MessageType}); dead-lettered")]
    public static partial void Unreadable(ILogger logger, string messageId, string queue, string expectedType, string? messageType, Exception? exception);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Information, Message = "Consumer of {Queue} started ({Prefetch} in flight at most)")]
    public static partial void ConsumerStarted(ILogger logger, string queue, int prefetch);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information, Message = "Consumer of {Queue} stopped")]
    public static partial void ConsumerStopped(ILogger logger, string queue);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Debug, Message = "Message {MessageId} on {Queue} requeued: its consumer is stopping")]
    public static partial void RequeuedOnStop(ILogger logger, string messageId, string queue);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "The handler of {Queue} did not finish message {MessageId} within {StopTimeoutSeconds} s of the stop; requeued")]
    public static partial void Abandoned(ILogger logger, string queue, string messageId, int stopTimeoutSeconds);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Debug, Message = "Reply {MessageId} to {ReplyQueue} dropped: the reply queue is gone")]
    public static partial void ReplyDropped(ILogger logger, string messageId, string replyQueue);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "Reply {MessageId} on {ReplyQueue} cannot be read as {ExpectedType}; dropped")]
    public static partial void ReplyUnreadable(ILogger logger, string messageId, string replyQueue, string expectedType, Exception? exception);
}
