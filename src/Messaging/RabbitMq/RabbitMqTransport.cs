using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;
using Meditron.Core.Handlers;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Meditron.Messaging.RabbitMq;

/// <summary>
/// Queues on a RabbitMQ broker, for the distributed shape: durable quorum queues with a delivery limit, a poison
/// queue each, persistent messages confirmed by the broker, manual acks. Survives broker restarts: publishes
/// wait for the broker (<see cref="MessagingOptions.PublishTimeoutSeconds"/>), consumers resume by themselves.
/// </summary>
public sealed class RabbitMqTransport : IMessageTransport
{
    private const int NotFound = 404;

    private readonly MessagingOptions _options;
    private readonly ILogger _logger;
    private readonly BrokerAddress _broker;
    private readonly RabbitMqConnection _connection;
    private readonly BrokerRetry _retry;
    private readonly ConcurrentDictionary<string, bool> _declared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IAsyncDisposable, bool> _open = new();
    private int _disposed;

    public RabbitMqTransport(MessagingOptions options, ILogger logger)
    {
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _options = options;
        _logger = logger;
        var uri = new Uri(options.RabbitMq.ConnectionString!);
        _broker = BrokerAddress.From(uri);
        var factory = new ConnectionFactory
        {
            Uri = uri,
            ClientProvidedName = "meditron",
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(options.RabbitMq.RecoveryIntervalSeconds),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(Math.Min(10, options.PublishTimeoutSeconds)),
        };
        _connection = new RabbitMqConnection(factory, _broker, logger);
        _retry = new BrokerRetry(_broker, options.PublishTimeoutSeconds, logger);
    }

    public async Task PublishAsync<T>(string queue, T message, MessageProperties? properties, CancellationToken cancellationToken)
    {
        // Replies go to a private queue that exists while its asker waits: not declared, not persistent, and
        // dropped by the broker when the asker is gone.
        bool reply = Queues.IsReplyQueue(queue);
        if (!reply)
        {
            Queues.ThrowIfNotWorkQueue(queue);
        }
        using var activity = MessageTracing.StartPublish(queue);
        var (traceParent, traceState) = MessageTracing.Current();
        string messageId = Guid.NewGuid().ToString("N");
        activity?.SetTag("messaging.message.id", messageId);
        string messageType = MessageJson.TypeName<T>();
        byte[] body = MessageJson.Serialize(message);
        var headers = new Dictionary<string, object?> { [MessageHeaders.Type] = messageType };
        if (traceParent is not null)
        {
            headers[MessageHeaders.TraceParent] = traceParent;
            if (!string.IsNullOrEmpty(traceState))
            {
                headers[MessageHeaders.TraceState] = traceState;
            }
        }
        var basicProperties = new BasicProperties
        {
            MessageId = messageId,
            ContentType = "application/json",
            DeliveryMode = reply ? DeliveryModes.Transient : DeliveryModes.Persistent,
            CorrelationId = properties?.CorrelationId,
            ReplyTo = properties?.ReplyTo,
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            Headers = headers,
        };

        await _retry.ExecuteAsync("publish to", queue, async ct =>
        {
            if (!reply)
            {
                await DeclareAsync(queue, ct);
            }
            var channel = await _connection.GetPublisherAsync(ct);
            try
            {
                // Mandatory: a work queue deleted under us returns the message instead of dropping it; declared again on retry.
                await channel.BasicPublishAsync(exchange: "", routingKey: queue, mandatory: !reply, basicProperties, body, ct);
            }
            catch (PublishReturnException)
            {
                _declared.TryRemove(queue, out _);
                throw;
            }
        }, cancellationToken);
        MessagingLog.Published(_logger, messageId, messageType, body.Length, queue);
        MessagingMetrics.Published(queue);
    }

    public async Task<IAsyncDisposable> ConsumeAsync<T>(
        string queue,
        Func<Delivery<T>, CancellationToken, Task<HandlerResult>> handler,
        ConsumeOptions options,
        CancellationToken cancellationToken)
    {
        var invoker = HandlerInvoker<T>.ForConsumer(queue, handler, options, _options.DeliveryLimit, _logger);
        var subscription = new RabbitMqSubscription<T>(queue, invoker, options, _logger);
        await _retry.ExecuteAsync("consume from", queue, async ct =>
        {
            await DeclareAsync(queue, ct);
            await subscription.StartAsync(await _connection.GetAsync(ct), ct);
        }, cancellationToken);
        subscription.StopWhenCancelled(cancellationToken);
        return Track(subscription);
    }

    public async Task<ReplyQueue<TReply>> CreateReplyQueueAsync<TReply>(CancellationToken cancellationToken)
    {
        string name = Queues.NewReplyQueue();
        var replies = Channel.CreateUnbounded<Reply<TReply>>();
        var channel = await _retry.ExecuteAsync("create the reply", name, async ct =>
        {
            var channel = await (await _connection.GetAsync(ct)).CreateChannelAsync(cancellationToken: ct);
            try
            {
                // Exclusive and auto-deleted: private to this connection, gone with it (recovery declares it again).
                await channel.QueueDeclareAsync(name, durable: false, exclusive: true, autoDelete: true, arguments: null, cancellationToken: ct);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, args) =>
                {
                    string messageId = args.BasicProperties.MessageId ?? "(no id)";
                    string? messageType = RabbitMqHeaders.String(args.BasicProperties.Headers, MessageHeaders.Type);
                    if (MessageBody.TryRead<TReply>(args.Body.Span, messageType, out var reply, out var error))
                    {
                        replies.Writer.TryWrite(new Reply<TReply>(reply, args.BasicProperties.CorrelationId, messageId));
                    }
                    else
                    {
                        MessagingLog.ReplyUnreadable(_logger, messageId, name, MessageJson.TypeName<TReply>(), error);
                    }
                    return Task.CompletedTask;
                };
                await channel.BasicConsumeAsync(name, autoAck: true, consumer, ct);
                return channel;
            }
            catch
            {
                await channel.DisposeAsync();
                throw;
            }
        }, cancellationToken);

        ReplyQueue<TReply>? replyQueue = null;
        replyQueue = new ReplyQueue<TReply>(name, replies.Reader, async () =>
        {
            _open.TryRemove(replyQueue!, out _);
            replies.Writer.TryComplete();
            try
            {
                await channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: false);
                await channel.CloseAsync();
            }
            catch (Exception e) when (BrokerFaults.IsTransient(e))
            {
                // The broker is away; the exclusive queue goes with the connection.
            }
            await channel.DisposeAsync();
        });
        _open[replyQueue] = true;
        return replyQueue;
    }

    public Task<QueueCounts> CountAsync(string queue, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync("count", queue, async ct =>
        {
            await using var channel = await (await _connection.GetAsync(ct)).CreateChannelAsync(cancellationToken: ct);
            try
            {
                var ok = await channel.QueueDeclarePassiveAsync(queue, ct);
                return new QueueCounts(ok.MessageCount, checked((int)ok.ConsumerCount));
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
            {
                return new QueueCounts(0, 0);
            }
        }, cancellationToken);

    public Task<IReadOnlyList<PoisonMessage>> PeekPoisonAsync(string queue, int max, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync("read the poison", Queues.PoisonOf(queue), async ct =>
        {
            // Got without ack, then the channel is closed: the broker puts every one of them back.
            await using var channel = await (await _connection.GetAsync(ct)).CreateChannelAsync(cancellationToken: ct);
            var found = new List<PoisonMessage>();
            try
            {
                while (found.Count < max && await channel.BasicGetAsync(Queues.PoisonOf(queue), autoAck: false, ct) is { } got)
                {
                    var headers = got.BasicProperties.Headers;
                    found.Add(new PoisonMessage(got.BasicProperties.MessageId ?? "(no id)", RabbitMqHeaders.String(headers, MessageHeaders.Type),
                        got.Body.ToArray(), RabbitMqHeaders.DeathReason(headers)));
                }
                await channel.CloseAsync(ct);
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
            {
                // No poison queue yet: nothing was ever dead-lettered.
            }
            return (IReadOnlyList<PoisonMessage>)found;
        }, cancellationToken);

    /// <summary>Stops the consumers and reply queues still open, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        foreach (var open in _open.Keys)
        {
            await open.DisposeAsync();
        }
        _open.Clear();
        await _connection.DisposeAsync();
    }

    private async Task DeclareAsync(string queue, CancellationToken cancellationToken)
    {
        if (_declared.ContainsKey(queue))
        {
            return;
        }
        await RabbitMqTopology.DeclareAsync(await _connection.GetAsync(cancellationToken), queue, _options.DeliveryLimit, cancellationToken);
        _declared[queue] = true;
        string poison = Queues.PoisonOf(queue);
        RabbitMqLog.Declared(_logger, queue, _options.DeliveryLimit, poison);
    }

    private TrackedSubscription Track(IAsyncDisposable subscription)
    {
        var tracked = new TrackedSubscription(subscription, this);
        _open[tracked] = true;
        return tracked;
    }

    /// <summary>Forgets a subscription its owner disposed.</summary>
    private sealed class TrackedSubscription(IAsyncDisposable inner, RabbitMqTransport transport) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            transport._open.TryRemove(this, out _);
            await inner.DisposeAsync();
        }
    }
}
