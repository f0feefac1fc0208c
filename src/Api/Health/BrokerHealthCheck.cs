using Meditron.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Health;

/// <summary>RabbitMQ answers for the generation queue, and some generation worker consumes it (registered with the RabbitMq transport only).</summary>
public sealed class BrokerHealthCheck(IMessageTransport transport, IOptions<MessagingOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var counts = await transport.CountAsync(options.Value.GenerateQueue, cancellationToken);
            return counts.Consumers > 0
                ? HealthCheckResult.Healthy($"The broker answers; {counts.Consumers} generation consumer(s).")
                : HealthCheckResult.Degraded("The broker answers, but no generation worker consumes the generation queue: asks will wait.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The broker does not answer: {e.Message}");
        }
    }
}
