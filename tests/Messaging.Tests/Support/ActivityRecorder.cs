using System.Collections.Concurrent;
using System.Diagnostics;

namespace Meditron.Messaging.Tests.Support;

/// <summary>
/// Listens to the messaging ActivitySource as an exporter would and keeps every span that ended. Listeners are
/// process-wide and tests run in parallel: read only the spans of your own trace or queue.
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MessagingTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => [.. _stopped.Where(a => a.TraceId == traceId)];

    public void Dispose() => _listener.Dispose();
}
