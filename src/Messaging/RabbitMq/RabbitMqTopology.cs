using RabbitMQ.Client;

namespace Meditron.Messaging.RabbitMq;

/// <summary>
/// What a work queue needs on the broker: a durable quorum queue whose dead letters go, through one direct exchange,
/// to its own durable poison queue. Declaring is idempotent; a queue declared before with other arguments
/// (another delivery limit) is refused by the broker with PRECONDITION_FAILED.
/// </summary>
internal static class RabbitMqTopology
{
    public const string PoisonExchange = "meditron.poison";

    public static async Task DeclareAsync(IConnection connection, string queue, int deliveryLimit, CancellationToken cancellationToken)
    {
        // A channel of its own: a refused declaration closes the channel it was made on.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        string poison = Queues.PoisonOf(queue);
        await channel.ExchangeDeclareAsync(PoisonExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(poison, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(poison, PoisonExchange, routingKey: queue, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: WorkQueueArguments(queue, deliveryLimit),
            cancellationToken: cancellationToken);
        await channel.CloseAsync(cancellationToken);
    }

    public static Dictionary<string, object?> WorkQueueArguments(string queue, int deliveryLimit) => new()
    {
        ["x-queue-type"] = "quorum",
        // The broker's own count of returns (requeues, consumers that died holding the message) is the backstop:
        // a message that crashes every consumer still ends in the poison queue. Handler results dead-letter earlier.
        ["x-delivery-limit"] = deliveryLimit,
        ["x-dead-letter-exchange"] = PoisonExchange,
        ["x-dead-letter-routing-key"] = queue,
        // Dead-lettering keeps the message until the poison queue has confirmed it (needs reject-publish overflow).
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };
}
