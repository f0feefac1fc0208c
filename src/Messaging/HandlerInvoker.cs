using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Meditron.Core.Handlers;
using Meditron.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Meditron.Messaging;

/// <summary>
/// Runs a handler on one delivery and says what to do with the message; shared by both transports so that they
/// map results alike. Nothing the handler does escapes: an exception is a transient error.
/// </summary>
internal sealed class HandlerInvoker<T>(
    string queue,
    Func<Delivery<T>, CancellationToken, Task<HandlerResult>> handler,
    int deliveryLimit,
    int stopTimeoutSeconds,
    ILogger logger)
{
    /// <summary>The checks every transport makes on a new consumer, then its invoker.</summary>
    public static HandlerInvoker<T> ForConsumer(
        string queue, Func<Delivery<T>, CancellationToken, Task<HandlerResult>> handler, ConsumeOptions options, int deliveryLimit, ILogger logger)
    {
        Queues.ThrowIfNotWorkQueue(queue);
        ArgumentNullException.ThrowIfNull(handler);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return new HandlerInvoker<T>(queue, handler, deliveryLimit, options.StopTimeoutSeconds, logger);
    }

    /// <param name="stopping">Cancelled when the consumer stops: handed to the handler.</param>
    /// <param name="abandon">Cancelled when the stop's grace period is over: the message is requeued without waiting longer.</param>
    public async Task<Settlement> InvokeAsync(Delivery<T> delivery, string? traceState, CancellationToken stopping, CancellationToken abandon)
    {
        if (stopping.IsCancellationRequested)
        {
            MessagingLog.RequeuedOnStop(logger, delivery.MessageId, queue);
            return Settlement.Stopped;
        }

        using var activity = MessageTracing.StartProcess(queue, delivery.TraceParent, traceState);
        activity?.SetTag("messaging.message.id", delivery.MessageId);
        activity?.SetTag("messaging.delivery.attempt", delivery.Attempt);
        long started = Stopwatch.GetTimestamp();
        HandlerResult result;
        try
        {
            result = await handler(delivery, stopping).WaitAsync(abandon);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            MessagingLog.Abandoned(logger, queue, delivery.MessageId, stopTimeoutSeconds);
            return Settlement.Stopped;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            MessagingLog.RequeuedOnStop(logger, delivery.MessageId, queue);
            return Settlement.Stopped;
        }
#pragma warning disable CA1031 // A handler's failure must never stop the consumer: it is a transient error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            MessagingLog.HandlerThrew(logger, queue, delivery.MessageId, delivery.Attempt, e);
            result = HandlerResult.Transient(e.GetType().Name);
        }

        var verdict = Verdicts.For(result, delivery.Attempt, deliveryLimit);
        Record(activity, result, verdict);
        switch (verdict)
        {
            case Verdict.Ack:
                long elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                MessagingLog.Acked(logger, delivery.MessageId, queue, delivery.Attempt, elapsedMs);
                break;
            case Verdict.Requeue:
                MessagingLog.Requeued(logger, delivery.MessageId, queue, delivery.Attempt, deliveryLimit, result.Reason);
                break;
            default:
                MessagingLog.DeadLettered(logger, delivery.MessageId, queue, delivery.Attempt, Reason(result));
                break;
        }
        return new Settlement(verdict, Reason(result));
    }

    /// <summary>Counters and the consumer span's outcome; the handler's reason stays in the logs (it is free text).</summary>
    private void Record(Activity? activity, HandlerResult result, Verdict verdict)
    {
        string outcome = MessagingMetrics.OutcomeTag(result.Outcome);
        activity?.SetTag(SpanTags.Outcome, outcome);
        if (result.Outcome != HandlerOutcome.Success)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }
        MessagingMetrics.Handled(queue, result.Outcome);
        if (verdict == Verdict.Requeue)
        {
            MessagingMetrics.Retried(queue);
        }
        else if (verdict == Verdict.DeadLetter)
        {
            MessagingMetrics.DeadLettered(queue, result.Outcome == HandlerOutcome.FatalError ? "fatal" : "delivery_limit");
        }
    }

    private static string? Reason(HandlerResult result) => result.Outcome switch
    {
        HandlerOutcome.TransientError => "transient error, delivery limit reached: " + result.Reason,
        HandlerOutcome.FatalError => result.Reason,
        _ => null,
    };
}
