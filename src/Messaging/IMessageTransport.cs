using Meditron.Core.Handlers;

namespace Meditron.Messaging;

/// <summary>
/// Queues between the parts of Meditron: in process (the embedded shape) or RabbitMQ (the distributed shape).
/// Handlers return a <see cref="HandlerResult"/> and the transport maps it: Success acks; TransientError requeues
/// while the delivery attempt is below the delivery limit, then dead-letters; FatalError dead-letters at once.
/// A dead-lettered message goes to the poison queue of its queue (<see cref="Queues.PoisonOf"/>).
/// </summary>
public interface IMessageTransport : IAsyncDisposable
{
    /// <summary>
    /// Sends <paramref name="message"/> (JSON) to <paramref name="queue"/>; returns once the message is durable
    /// (RabbitMQ: confirmed by the broker, persistent). A reply queue (<see cref="Queues.IsReplyQueue"/>) gets it
    /// without durability; a reply to a queue that is gone is dropped.
    /// </summary>
    Task PublishAsync<T>(string queue, T message, MessageProperties? properties, CancellationToken cancellationToken);

    /// <summary>
    /// Starts handling <paramref name="queue"/> with up to <see cref="ConsumeOptions.Prefetch"/> messages in flight.
    /// Disposing the subscription, or cancelling <paramref name="cancellationToken"/>, stops taking messages and
    /// finishes those in hand (their handlers see the cancellation; one that does not finish is requeued).
    /// </summary>
    Task<IAsyncDisposable> ConsumeAsync<T>(
        string queue,
        Func<Delivery<T>, CancellationToken, Task<HandlerResult>> handler,
        ConsumeOptions options,
        CancellationToken cancellationToken);

    /// <summary>A private queue for the replies to this process's requests; deleted when disposed.</summary>
    Task<ReplyQueue<TReply>> CreateReplyQueueAsync<TReply>(CancellationToken cancellationToken);

    /// <summary>Messages ready in <paramref name="queue"/> (a poison queue too) and its consumers; zeros when it does not exist.</summary>
    Task<QueueCounts> CountAsync(string queue, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> messages of the poison queue of <paramref name="queue"/>, left where they are.</summary>
    Task<IReadOnlyList<PoisonMessage>> PeekPoisonAsync(string queue, int max, CancellationToken cancellationToken);
}
