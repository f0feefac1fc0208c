using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Meditron.Application.Syncing;

public static class SyncServices
{
    /// <summary>
    /// The sync service, its options (section Sync) and the HTTP client of the guideline sources: each request retried
    /// on transient failures (no connection, 5xx, 408, 429, Retry-After honoured) with exponential backoff, each try
    /// bounded by Sync:TimeoutSeconds. The client itself has no overall timeout: a large PDF may take long to arrive, and
    /// the fetcher bounds the wait for each next piece of it instead.
    /// </summary>
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(SourceFetcher.ClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                // Some publishers' servers refuse requests without one.
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Meditron-sync/1.0");
            })
            .AddResilienceHandler("guideline-source", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<SyncOptions>>().Value;
                if (options.RetryAttempts > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.RetryAttempts,
                        Delay = TimeSpan.FromSeconds(options.RetryDelaySeconds),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                }
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
            });
        services.AddSingleton<SourceFetcher>();
        services.AddSingleton<SyncService>();
        return services;
    }
}
