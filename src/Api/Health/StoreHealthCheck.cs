using Meditron.Core.Ports;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Meditron.Api.Health;

/// <summary>The document registry answers a read (the embedded store under the data directory, or the shared database).</summary>
public sealed class StoreHealthCheck(IDocumentRegistry registry) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await registry.GetAsync("doc_readiness_probe", cancellationToken);
            return HealthCheckResult.Healthy("The document registry answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The document registry does not answer: {e.Message}");
        }
    }
}
