namespace Meditron.Messaging;

/// <summary>The names a host registers to export what the transports record (see AddTelemetry in Application).</summary>
public static class MessagingTelemetry
{
    /// <summary>The ActivitySource of the publish (producer) and process (consumer) spans.</summary>
    public const string SourceName = "Meditron.Messaging";

    /// <summary>The Meter of the message counters (<see cref="MessagingMetrics"/>).</summary>
    public const string MeterName = "Meditron.Messaging";

    /// <summary>
    /// The queue as a span name or metric tag: reply queues are named per asker (<c>reply.&lt;id&gt;</c>), so they
    /// all count as <c>reply</c> to keep the number of distinct names small.
    /// </summary>
    public static string QueueTag(string queue) => Queues.IsReplyQueue(queue) ? "reply" : queue;
}
