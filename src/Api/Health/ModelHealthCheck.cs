using Meditron.Generation.Llama;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Health;

/// <summary>The GGUF model file the in-process LLamaSharp engine loads is there (registered only when this process generates with it).</summary>
public sealed class ModelHealthCheck(IOptions<LlamaOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string path = options.Value.ModelPath;
        var file = new FileInfo(path);
        return Task.FromResult(file.Exists && file.Length > 0
            ? HealthCheckResult.Healthy($"Model {file.Name} is there.")
            : HealthCheckResult.Unhealthy($"Model file {path} is missing or empty (Generation:Llama:ModelPath; `meditron models download`)."));
    }
}
