using Meditron.Application.Telemetry;
using Meditron.Messaging;
using OpenTelemetry.Metrics;

namespace Meditron.Api.Observability;

/// <summary>
/// Metrics in the Prometheus text format at /metrics: ASP.NET Core's request duration per route (rate and latency),
/// pages indexed, answers by outcome, generation tokens, message counters, and queue depth with RabbitMQ.
/// </summary>
public static class ApiMetricsServices
{
    public static IServiceCollection AddApiMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter([.. TelemetryServices.Meters, QueueDepthSampler.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting"])
            .AddPrometheusExporter());
        if (configuration.UsesRabbitMq())
        {
            services.AddHostedService<QueueDepthSampler>();
        }
        return services;
    }
}
