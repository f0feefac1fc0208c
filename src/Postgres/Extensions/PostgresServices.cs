using Meditron.Core.Options;
using Meditron.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Postgres.Extensions;

public static class PostgresServices
{
    /// <summary>
    /// With Storage:Provider=Postgres, the shared state in PostgreSQL (Storage:Postgres): the document registry, the
    /// original PDFs, async answers, API keys, the sync sources' state and clinicians' feedback. Nothing otherwise (the embedded store keeps them).
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration)
    {
        if (StorageOptions.ProviderFrom(configuration[StorageOptions.ProviderKey]) != StorageProvider.Postgres)
        {
            return services;
        }
        services.AddOptions<PostgresOptions>().Bind(configuration.GetSection(PostgresOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<IOptions<PostgresOptions>>(), sp.GetRequiredService<ILogger<PostgresDatabase>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDocumentRegistry>(sp => new PostgresDocumentRegistry(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IContentStore>(sp => new PostgresContentStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IAnswerStore>(sp => new PostgresAnswerStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IApiKeyStore>(sp => new PostgresApiKeyStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<ISyncSourceStore>(sp => new PostgresSyncSourceStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IFeedbackStore>(sp => new PostgresFeedbackStore(sp.GetRequiredService<PostgresDatabase>()));
        return services;
    }
}
