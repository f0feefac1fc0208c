using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Meditron.Api.Health;

/// <summary>{"status": "Healthy", "checks": {"store": {"status": ..., "description": ...}}}: 200 when healthy or degraded, 503 naming the failing part.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        }
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
