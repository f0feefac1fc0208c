using System.Diagnostics;

namespace Meditron.Api.Observability;

/// <summary>
/// One audit line per request: key name, route (the pattern, never the query or body), status, latency and request id;
/// the request id also goes back in X-Request-Id. Question text, answers and uploaded content never reach the log.
/// </summary>
public sealed partial class RequestAuditMiddleware(RequestDelegate next, ILogger<RequestAuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long started = Stopwatch.GetTimestamp();
        context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                double latencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRequest(context.User.Identity?.Name ?? "-", context.Request.Method, route, context.Response.StatusCode, latencyMs, context.TraceIdentifier);
            }
        }
    }

    [LoggerMessage(EventId = 8000, Level = LogLevel.Information,
        Message = "audit key={KeyName} {Method} {Route} status={Status} latencyMs={LatencyMs:0.0} request={RequestId}")]
    private partial void LogRequest(string keyName, string method, string route, int status, double latencyMs, string requestId);
}
