using System.Diagnostics.Metrics;
using Meditron.Core.Handlers;

namespace Meditron.Messaging;

/// <summary>
/// Counters of both transports: messages published, handled (by outcome), retried and dead-lettered. Tags are
/// queue names and fixed outcome codes only. Recording costs next to nothing while no listener is attached.
/// </summary>
internal static class MessagingMetrics
{
    private static readonly Meter Meter = new(MessagingTelemetry.MeterName);

    private static readonly Counter<long> PublishedCounter =
        Meter.CreateCounter<long>("meditron.messaging.published", "{message}", "Messages published to a queue");

    private static readonly Counter<long> HandledCounter =
        Meter.CreateCounter<long>("meditron.messaging.handled", "{message}", "Deliveries whose handler returned, by outcome (success, transient, fatal)");

    private static readonly Counter<long> RetriesCounter =
        Meter.CreateCounter<long>("meditron.messaging.retries", "{message}", "Deliveries requeued after a transient error, to be delivered again");

    private static readonly Counter<long> DeadLettersCounter =
        Meter.CreateCounter<long>("meditron.messaging.dead_letters", "{message}", "Messages sent to their poison queue, by cause (fatal, delivery_limit, unreadable)");

    public static void Published(string queue) => PublishedCounter.Add(1, Queue(queue));

    public static void Handled(string queue, HandlerOutcome outcome) =>
        HandledCounter.Add(1, Queue(queue), new("outcome", OutcomeTag(outcome)));

    public static void Retried(string queue) => RetriesCounter.Add(1, Queue(queue));

    /// <param name="cause"><c>fatal</c>, <c>delivery_limit</c> or <c>unreadable</c>.</param>
    public static void DeadLettered(string queue, string cause) => DeadLettersCounter.Add(1, Queue(queue), new("cause", cause));

    public static string OutcomeTag(HandlerOutcome outcome) => outcome switch
    {
        HandlerOutcome.Success => "success",
        HandlerOutcome.TransientError => "transient",
        _ => "fatal",
    };

    private static KeyValuePair<string, object?> Queue(string queue) => new("queue", MessagingTelemetry.QueueTag(queue));
}
