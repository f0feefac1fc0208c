using System.Collections.Concurrent;
using System.Threading.Channels;
using Meditron.Core.Handlers;
using Microsoft.Extensions.Logging;

namespace Meditron.Messaging.InProcess;

/// <summary>
/// Queues in this process (System.Threading.Channels), for the embedded shape: the same result mapping, attempt
/// counting, poison queues and replies as RabbitMQ, and nothing survives the process.
/// </summary>
public sealed class InProcessTransport(MessagingOptions messaging, ILogger logger) : IMessageTransport
{
    private readonly ConcurrentDictionary<string, InProcessQueue> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Action<Envelope>> _replyQueues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IAsyncDisposable, bool> _subscriptions = new();

    public Task PublishAsync<T>(string queue, T message, MessageProperties? properties, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool reply = Queues.IsReplyQueue(queue);
        if (!reply)
        {
            Queues.ThrowIfNotWorkQueue(queue);
        }
        using var activity = MessageTracing.StartPublish(queue);
        var (traceParent, traceState) = MessageTracing.Current();
        var envelope = new Envelope(Guid.NewGuid().ToString("N"), MessageJson.TypeName<T>(), MessageJson.Serialize(message),
            properties ?? new MessageProperties(), traceParent, traceState, Attempt: 1);
        activity?.SetTag("messaging.message.id", envelope.MessageId);
        if (!reply)
        {
            QueueOf(queue).Enqueue(envelope);
        }
        else if (_replyQueues.TryGetValue(queue, out var deliver))
        {
            deliver(envelope);
        }
        else
        {
            MessagingLog.ReplyDropped(logger, envelope.MessageId, queue);
            return Task.CompletedTask;
        }
        MessagingLog.Published(logger, envelope.MessageId, envelope.MessageType, envelope.Body.Length, queue);
        MessagingMetrics.Published(queue);
        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable> ConsumeAsync<T>(
        string queue,
        Func<Delivery<T>, CancellationToken, Task<HandlerResult>> handler,
        ConsumeOptions options,
        CancellationToken cancellationToken)
    {
        var invoker = HandlerInvoker<T>.ForConsumer(queue, handler, options, messaging.DeliveryLimit, logger);
        var subscription = new InProcessSubscription<T>(queue, QueueOf(queue), invoker, options, logger, cancellationToken);
        _subscriptions[subscription] = true;
        return Task.FromResult<IAsyncDisposable>(new Untracking(subscription, this));
    }

    public Task<ReplyQueue<TReply>> CreateReplyQueueAsync<TReply>(CancellationToken cancellationToken)
    {
        string name = Queues.NewReplyQueue();
        var replies = Channel.CreateUnbounded<Reply<TReply>>();
        _replyQueues[name] = envelope =>
        {
            if (MessageBody.TryRead<TReply>(envelope.Body, envelope.MessageType, out var reply, out var error))
            {
                replies.Writer.TryWrite(new Reply<TReply>(reply, envelope.Properties.CorrelationId, envelope.MessageId));
            }
            else
            {
                MessagingLog.ReplyUnreadable(logger, envelope.MessageId, name, MessageJson.TypeName<TReply>(), error);
            }
        };
        return Task.FromResult(new ReplyQueue<TReply>(name, replies.Reader, () =>
        {
            _replyQueues.TryRemove(name, out _);
            replies.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }));
    }

    public Task<QueueCounts> CountAsync(string queue, CancellationToken cancellationToken)
    {
        if (Queues.IsPoisonQueue(queue))
        {
            string source = queue[..^Queues.PoisonOf("").Length];
            return Task.FromResult(new QueueCounts(_queues.TryGetValue(source, out var q) ? q.PoisonCount : 0, 0));
        }
        return Task.FromResult(_queues.TryGetValue(queue, out var found) ? new QueueCounts(found.Ready, found.Consumers) : new QueueCounts(0, 0));
    }

    public Task<IReadOnlyList<PoisonMessage>> PeekPoisonAsync(string queue, int max, CancellationToken cancellationToken) =>
        Task.FromResult(_queues.TryGetValue(queue, out var found) ? found.PeekPoison(max) : (IReadOnlyList<PoisonMessage>)[]);

    /// <summary>Stops every consumer still running (each finishes what it has in hand).</summary>
    public async ValueTask DisposeAsync()
    {
        // Safe to repeat: each subscription stops once.
        foreach (var subscription in _subscriptions.Keys)
        {
            await subscription.DisposeAsync();
        }
        _subscriptions.Clear();
    }

    private InProcessQueue QueueOf(string queue) => _queues.GetOrAdd(queue, _ => new InProcessQueue());

    /// <summary>Forgets a subscription its owner disposed, so the transport does not hold it.</summary>
    private sealed class Untracking(IAsyncDisposable inner, InProcessTransport transport) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            transport._subscriptions.TryRemove(inner, out _);
        }
    }
}
