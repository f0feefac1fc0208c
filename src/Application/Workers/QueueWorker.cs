using Meditron.Core.Handlers;
using Meditron.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Meditron.Application.Workers;

/// <summary>
/// A worker role: consumes one queue until the host stops (SIGTERM, Ctrl+C), then disposes its subscription,
/// which finishes or requeues the message in hand. The role says which queue and what to do with a message.
/// </summary>
public abstract partial class QueueWorker<TMessage>(IMessageTransport transport, ConsumingQueues consuming, ILogger logger) : BackgroundService
{
    protected abstract string Role { get; }

    protected abstract string Queue { get; }

    protected abstract ConsumeOptions ConsumeOptions { get; }

    protected abstract Task<HandlerResult> HandleAsync(Delivery<TMessage> delivery, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = ConsumeOptions;
        await using var subscription = await transport.ConsumeAsync<TMessage>(Queue, HandleAsync, options, stoppingToken);
        consuming.Started(Queue);
        LogStarted(Role, Queue, options.Prefetch);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the normal end of a worker.
        }
        consuming.Stopped(Queue); // not ready while it finishes or hands back the message in hand
        LogStopping(Role, Queue);
    }

    /// <summary>A side effect after the verdict (a status, a reply) that must not turn the verdict into an exception.</summary>
    protected async Task BestEffortAsync(string what, string id, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogBestEffortFailed(what, id, e);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Worker {Role} consuming queue {Queue} (prefetch {Prefetch})")]
    private partial void LogStarted(string role, string queue, int prefetch);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Worker {Role} stopping: no new messages from queue {Queue}")]
    private partial void LogStopping(string role, string queue);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Could not {What} for {Id}")]
    private partial void LogBestEffortFailed(string what, string id, Exception exception);
}
