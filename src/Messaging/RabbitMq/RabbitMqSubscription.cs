using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Meditron.Messaging.RabbitMq;

/// <summary>
/// One consumer of a quorum queue: a channel of its own with a prefetch of <see cref="ConsumeOptions.Prefetch"/>
/// and as many handlers running at once, manual acks after the handler returned. RabbitMQ.Client's recovery
/// re-registers it after the broker comes back.
/// </summary>
internal sealed class RabbitMqSubscription<T> : IAsyncDisposable
{
    private readonly string _queue;
    private readonly HandlerInvoker<T> _invoker;
    private readonly ConsumeOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abandon = new();
    // Read after the sources are disposed by a delivery the dispatcher still had: a token outlives its source.
    private readonly CancellationToken _stoppingToken;
    private readonly CancellationToken _abandonToken;
    private readonly Lock _lock = new();
    private int _inFlight;
    private TaskCompletionSource? _idle;
    private IChannel? _channel;
    private string? _consumerTag;
    private CancellationTokenRegistration _registration;
    private Task? _stopped;

    public RabbitMqSubscription(string queue, HandlerInvoker<T> invoker, ConsumeOptions options, ILogger logger)
    {
        _queue = queue;
        _invoker = invoker;
        _options = options;
        _logger = logger;
        _stoppingToken = _stopping.Token;
        _abandonToken = _abandon.Token;
    }

    /// <summary>Opens the channel and registers the consumer; on failure leaves nothing open (the caller retries).</summary>
    public async Task StartAsync(IConnection connection, CancellationToken cancellationToken)
    {
        ushort prefetch = checked((ushort)_options.Prefetch);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false, consumerDispatchConcurrency: prefetch),
            cancellationToken);
        try
        {
            await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: prefetch, global: false, cancellationToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += OnReceivedAsync;
            channel.ChannelShutdownAsync += OnChannelShutdownAsync;
            _consumerTag = await channel.BasicConsumeAsync(_queue, autoAck: false, consumer, cancellationToken);
            _channel = channel;
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
        MessagingLog.ConsumerStarted(_logger, _queue, _options.Prefetch);
    }

    /// <summary>Cancelling <paramref name="cancellationToken"/> stops the consumer as disposing it does.</summary>
    public void StopWhenCancelled(CancellationToken cancellationToken) =>
        _registration = cancellationToken.Register(() => _ = DisposeAsync().AsTask());

    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _stopped ??= StopAsync();
        }
        return new ValueTask(_stopped);
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs args)
    {
        Enter();
        var channel = ((AsyncEventingBasicConsumer)sender).Channel;
        string messageId = args.BasicProperties.MessageId ?? "(no id)";
        try
        {
            var headers = args.BasicProperties.Headers;
            string? messageType = RabbitMqHeaders.String(headers, MessageHeaders.Type) ?? args.BasicProperties.Type;
            if (!MessageBody.TryRead<T>(args.Body.Span, messageType, out var message, out var error))
            {
                MessagingLog.Unreadable(_logger, messageId, _queue, MessageJson.TypeName<T>(), messageType, error);
                await SettleAsync(channel, args.DeliveryTag, Verdict.DeadLetter, messageId);
                MessagingMetrics.DeadLettered(_queue, "unreadable");
                return;
            }
            var properties = new MessageProperties { CorrelationId = args.BasicProperties.CorrelationId, ReplyTo = args.BasicProperties.ReplyTo };
            var delivery = new Delivery<T>(message, properties, RabbitMqHeaders.Attempt(args.BasicProperties, args.Redelivered), messageId,
                RabbitMqHeaders.String(headers, MessageHeaders.TraceParent));
            var settlement = await _invoker.InvokeAsync(delivery, RabbitMqHeaders.String(headers, MessageHeaders.TraceState), _stoppingToken, _abandonToken);
            await SettleAsync(channel, args.DeliveryTag, settlement.Verdict, messageId);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Ack, requeue, or dead-letter (a nack without requeue goes through the queue's dead-letter exchange).</summary>
    private async Task SettleAsync(IChannel channel, ulong deliveryTag, Verdict verdict, string messageId)
    {
        try
        {
            if (verdict == Verdict.Ack)
            {
                await channel.BasicAckAsync(deliveryTag, multiple: false, CancellationToken.None);
            }
            else
            {
                await channel.BasicNackAsync(deliveryTag, multiple: false, requeue: verdict == Verdict.Requeue, CancellationToken.None);
            }
        }
        catch (Exception e) when (BrokerFaults.IsTransient(e) || e is ObjectDisposedException)
        {
            // The channel went away with the message unsettled: the broker requeues it, nothing is lost.
            RabbitMqLog.SettleFailed(_logger, messageId, _queue, e);
        }
    }

    private Task OnChannelShutdownAsync(object sender, ShutdownEventArgs args)
    {
        if (args.Initiator != ShutdownInitiator.Application && !_stoppingToken.IsCancellationRequested)
        {
            RabbitMqLog.ConsumerChannelClosed(_logger, _queue, args.ReplyCode, args.ReplyText);
        }
        return Task.CompletedTask;
    }

    private async Task StopAsync()
    {
        await _registration.DisposeAsync();
        _stopping.Cancel();
        _abandon.CancelAfter(TimeSpan.FromSeconds(_options.StopTimeoutSeconds));
        if (_channel is { } channel)
        {
            try
            {
                if (_consumerTag is not null && channel.IsOpen)
                {
                    await channel.BasicCancelAsync(_consumerTag, noWait: false, CancellationToken.None);
                }
            }
            catch (Exception e) when (BrokerFaults.IsTransient(e))
            {
                // The broker is away: closing the channel below is all that is left to do.
            }
            // Handlers in hand see the cancellation and are settled, or requeued once the grace period is over.
            await WhenIdleAsync();
            try
            {
                await channel.CloseAsync();
            }
            catch (Exception e) when (BrokerFaults.IsTransient(e))
            {
                // Already closed by the broker: its unacked messages are back in the queue.
            }
            await channel.DisposeAsync();
        }
        _stopping.Dispose();
        _abandon.Dispose();
        MessagingLog.ConsumerStopped(_logger, _queue);
    }

    private void Enter()
    {
        lock (_lock)
        {
            _inFlight++;
        }
    }

    private void Exit()
    {
        lock (_lock)
        {
            if (--_inFlight == 0)
            {
                _idle?.TrySetResult();
            }
        }
    }

    private Task WhenIdleAsync()
    {
        lock (_lock)
        {
            if (_inFlight == 0)
            {
                return Task.CompletedTask;
            }
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }
}
