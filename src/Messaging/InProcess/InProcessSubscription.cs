using Microsoft.Extensions.Logging;

namespace Meditron.Messaging.InProcess;

/// <summary>
/// One consumer of an in-process queue: <see cref="ConsumeOptions.Prefetch"/> loops, each taking one message at a
/// time, so that many handlers run at once.
/// </summary>
internal sealed class InProcessSubscription<T> : IAsyncDisposable
{
    private readonly string _queueName;
    private readonly InProcessQueue _queue;
    private readonly HandlerInvoker<T> _invoker;
    private readonly int _stopTimeoutSeconds;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task[] _workers;
    private readonly CancellationTokenRegistration _registration;
    private readonly Lock _stopLock = new();
    private Task? _stopped;

    public InProcessSubscription(string queueName, InProcessQueue queue, HandlerInvoker<T> invoker, ConsumeOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        _queueName = queueName;
        _queue = queue;
        _invoker = invoker;
        _stopTimeoutSeconds = options.StopTimeoutSeconds;
        _logger = logger;
        _queue.ConsumerStarted();
        _workers = [.. Enumerable.Range(0, options.Prefetch).Select(_ => Task.Run(WorkAsync))];
        // Cancelling the token stops the consumer as disposing it does.
        _registration = cancellationToken.Register(() => _ = DisposeAsync().AsTask());
        MessagingLog.ConsumerStarted(logger, queueName, options.Prefetch);
    }

    /// <summary>Stops taking messages and waits for those in hand; cancelling the token given at start does the same.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_stopLock)
        {
            _stopped ??= StopAsync();
        }
        return new ValueTask(_stopped);
    }

    private async Task WorkAsync()
    {
        while (true)
        {
            Envelope envelope;
            try
            {
                envelope = await _queue.Reader.ReadAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await HandleAsync(envelope);
        }
    }

    private async Task HandleAsync(Envelope envelope)
    {
        if (!MessageBody.TryRead<T>(envelope.Body, envelope.MessageType, out var message, out var error))
        {
            MessagingLog.Unreadable(_logger, envelope.MessageId, _queueName, MessageJson.TypeName<T>(), envelope.MessageType, error);
            MessagingMetrics.DeadLettered(_queueName, "unreadable");
            _queue.DeadLetter(envelope, "unreadable as " + MessageJson.TypeName<T>());
            return;
        }
        var delivery = new Delivery<T>(message, envelope.Properties, envelope.Attempt, envelope.MessageId, envelope.TraceParent);
        var settlement = await _invoker.InvokeAsync(delivery, envelope.TraceState, _stopping.Token, _abandon.Token);
        switch (settlement.Verdict)
        {
            case Verdict.Requeue:
                _queue.Enqueue(envelope with { Attempt = envelope.Attempt + 1 });
                break;
            case Verdict.DeadLetter:
                _queue.DeadLetter(envelope, settlement.Reason);
                break;
        }
    }

    private void BeginStop()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
            _abandon.CancelAfter(TimeSpan.FromSeconds(_stopTimeoutSeconds));
        }
    }

    private async Task StopAsync()
    {
        BeginStop();
        await Task.WhenAll(_workers);
        await _registration.DisposeAsync();
        _queue.ConsumerStopped();
        _stopping.Dispose();
        _abandon.Dispose();
        MessagingLog.ConsumerStopped(_logger, _queueName);
    }
}
