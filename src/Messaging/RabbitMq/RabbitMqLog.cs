using Microsoft.Extensions.Logging;

namespace Meditron.Messaging.RabbitMq;

internal static partial class RabbitMqLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Connected to RabbitMQ at {Broker}")]
    public static partial void Connected(ILogger logger, BrokerAddress broker);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Connection to RabbitMQ at {Broker} lost ({ReplyCode} {ReplyText}); reconnecting")]
    public static partial void ConnectionLost(ILogger logger, BrokerAddress broker, ushort replyCode, string replyText);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Reconnected to RabbitMQ at {Broker}; queues and consumers restored")]
    public static partial void Recovered(ILogger logger, BrokerAddress broker);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Reconnecting to RabbitMQ at {Broker} failed; trying again")]
    public static partial void RecoveryFailed(ILogger logger, BrokerAddress broker, Exception exception);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "RabbitMQ at {Broker} unavailable for {Queue} (try {Attempt}, {Error}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, BrokerAddress broker, string queue, int attempt, string error, long delayMs);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Debug, Message = "Message {MessageId} on {Queue} could not be settled; the broker delivers it again")]
    public static partial void SettleFailed(ILogger logger, string messageId, string queue, Exception exception);

    [LoggerMessage(EventId = 6107, Level = LogLevel.Debug, Message = "Declared quorum queue {Queue} (delivery limit {DeliveryLimit}) and its poison queue {PoisonQueue}")]
    public static partial void Declared(ILogger logger, string queue, int deliveryLimit, string poisonQueue);

    [LoggerMessage(EventId = 6108, Level = LogLevel.Warning, Message = "The consumer channel of {Queue} closed ({ReplyCode} {ReplyText})")]
    public static partial void ConsumerChannelClosed(ILogger logger, string queue, ushort replyCode, string replyText);
}
