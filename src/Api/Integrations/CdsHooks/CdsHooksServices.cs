using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Meditron.Api.Integrations.CdsHooks;

public static class CdsHooksServices
{
    /// <summary>The hook handler and the HttpClient that reads an EHR's FHIR server when it did not prefetch.</summary>
    public static IServiceCollection AddCdsHooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CdsHooksOptions>().Bind(configuration.GetSection(CdsHooksOptions.SectionName));
        services.AddHttpClient(FhirDataSource.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<FhirDataSource>();
        services.AddScoped<CdsHookHandler>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
