using System.Diagnostics;

namespace Meditron.Core.Telemetry;

/// <summary>Null-safe helpers for spans: <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null when nobody listens.</summary>
public static class SpanOutcome
{
    /// <summary>Tags the outcome (and a fixed reason code, if any) on <paramref name="span"/>.</summary>
    public static void Set(Activity? span, string outcome, string? reason = null)
    {
        span?.SetTag(SpanTags.Outcome, outcome);
        if (reason is not null)
        {
            span?.SetTag(SpanTags.Reason, reason);
        }
    }

    /// <summary>
    /// Marks <paramref name="span"/> failed with the exception's type only: messages may quote a path or a
    /// server's reply, which have no place in a trace.
    /// </summary>
    public static void Failed(Activity? span, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }
}
