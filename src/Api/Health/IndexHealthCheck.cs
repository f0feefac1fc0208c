using Meditron.Core.Retrieval;
using Meditron.Retrieval;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Meditron.Api.Health;

/// <summary>The chunk index (embedded or Qdrant) answers a one-passage keyword search.</summary>
public sealed class IndexHealthCheck(RetrievalService retrieval) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await retrieval.SearchAsync(new SearchRequest { Query = "readiness", TopK = 1, Mode = SearchMode.Bm25 }, cancellationToken);
            return HealthCheckResult.Healthy("The index answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The index does not answer: {e.Message}");
        }
    }
}
