using System.Diagnostics;

namespace Meditron.Messaging;

/// <summary>
/// W3C trace context across the queue: the publisher's context travels in the <c>traceparent</c> header and the
/// handler runs in an activity whose parent it is, so a trace follows a request from the API into the workers.
/// </summary>
internal static class MessageTracing
{
    public static readonly ActivitySource Source = new(MessagingTelemetry.SourceName);

    /// <summary>A producer activity when someone listens (else null); <see cref="Activity.Current"/> is then the one to send.</summary>
    public static Activity? StartPublish(string queue) =>
        Source.StartActivity(MessagingTelemetry.QueueTag(queue) + " publish", ActivityKind.Producer);

    /// <summary>The context to send: <see cref="Activity.Current"/> when it has a W3C id.</summary>
    public static (string? TraceParent, string? TraceState) Current() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? (activity.Id, activity.TraceStateString) : (null, null);

    public static Activity? StartProcess(string queue, string? traceParent, string? traceState)
    {
        ActivityContext.TryParse(traceParent, traceState, out var parent);
        return Source.StartActivity(MessagingTelemetry.QueueTag(queue) + " process", ActivityKind.Consumer, parent);
    }
}
