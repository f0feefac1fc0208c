using Meditron.Application.Answering;
using Meditron.Application.Ingesting;
using Meditron.Generation.Extensions;
using Meditron.Ingestion.Extensions;
using Meditron.Retrieval.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Application.Extensions;

public static class MeditronServices
{
    /// <summary>
    /// Everything a host needs, chosen from configuration by the projects that own it: ingestion, retrieval
    /// (Index:Provider), generation (Generation:Engine), and the ask and ingest services over them.
    /// </summary>
    public static IServiceCollection AddMeditron(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIngestion(configuration);
        services.AddRetrieval(configuration);
        services.AddGeneration(configuration);
        services.AddSingleton<IngestService>();
        services.AddSingleton<AskService>();
        services.AddSingleton<AnswerEvaluator>();
        return services;
    }
}
