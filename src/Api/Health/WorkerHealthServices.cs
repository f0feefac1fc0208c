using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Meditron.Api.Health;

/// <summary>Registers a worker's probe endpoint (<see cref="WorkerHealthEndpoint"/>) and the checks behind its /readyz.</summary>
public static class WorkerHealthServices
{
    internal const string Ready = "ready";

    /// <param name="urls">Addresses to listen on, separated by ';' (<c>http://0.0.0.0:8081</c>).</param>
    public static IServiceCollection AddWorkerHealthEndpoint(this IServiceCollection services, string urls)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(urls);
        services.AddHealthChecks()
            .AddCheck<WorkerConsumerHealthCheck>("consumer", tags: [Ready])
            .AddCheck<StoreHealthCheck>("store", tags: [Ready]);
        services.AddSingleton(provider => new WorkerHealthEndpoint(urls, provider.GetRequiredService<HealthCheckService>()));
        services.AddHostedService(provider => provider.GetRequiredService<WorkerHealthEndpoint>());
        return services;
    }
}
