using Meditron.Application.Workers;
using Meditron.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Meditron.Api.Health;

/// <summary>A worker's consumer is up and the broker answers for its queue (a worker still connecting, or stopping, is not ready).</summary>
public sealed class WorkerConsumerHealthCheck(ConsumingQueues consuming, IMessageTransport transport) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var queues = consuming.Names;
        if (queues.Count == 0)
        {
            return HealthCheckResult.Unhealthy("The worker does not consume its queue (starting, reconnecting or stopping).");
        }
        try
        {
            var described = new List<string>();
            foreach (string queue in queues)
            {
                var counts = await transport.CountAsync(queue, cancellationToken);
                described.Add($"{queue}: {counts.Ready} ready, {counts.Consumers} consumer(s)");
            }
            return HealthCheckResult.Healthy($"Consuming; the broker answers ({string.Join("; ", described)}).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The broker does not answer: {e.Message}");
        }
    }
}
