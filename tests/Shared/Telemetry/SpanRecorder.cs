using System.Collections.Concurrent;
using System.Diagnostics;

namespace Meditron.Tests.Support;

/// <summary>
/// Listens to every Meditron ActivitySource as an exporter would and keeps the spans that ended. Listeners are
/// process-wide and tests run in parallel: each test reads the spans of its own trace only.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Meditron.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A root of the test's own, so that its spans can be told from those of tests running beside it.</summary>
    public static Activity StartRoot() => new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

    public IReadOnlyList<Activity> InTrace(Activity root) => [.. _stopped.Where(a => a.TraceId == root.TraceId)];

    /// <summary>The trace once a span named <paramref name="name"/> has ended in it (a worker's span may end after the asker returned).</summary>
    public async Task<IReadOnlyList<Activity>> InTraceOnceEndedAsync(Activity root, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!InTrace(root).Any(a => a.DisplayName == name))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no span '{name}' ended in the trace within 20 s");
            await Task.Delay(50);
        }
        return InTrace(root);
    }

    public void Dispose() => _listener.Dispose();
}
