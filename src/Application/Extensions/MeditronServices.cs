using Meditron.Application.Access;
using Meditron.Application.Answering;
using Meditron.Application.Documents;
using Meditron.Application.Feedback;
using Meditron.Application.Ingesting;
using Meditron.Application.Syncing;
using Meditron.Application.Telemetry;
using Meditron.Application.Workers;
using Meditron.Generation.Extensions;
using Meditron.Ingestion.Extensions;
using Meditron.Messaging;
using Meditron.Postgres.Extensions;
using Meditron.Retrieval.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Meditron.Application.Extensions;

public static class MeditronServices
{
    /// <summary>
    /// Everything a host needs, chosen from configuration by the projects that own it: ingestion, retrieval
    /// (Index:Provider), shared state (Storage:Provider: the embedded store, or PostgreSQL), generation (Generation:Engine),
    /// messaging (Messaging:Transport), and the ask and ingest services over them, the document and feedback services, and the
    /// guideline sync (`meditron sync`). With the RabbitMq transport, answers come from generation workers over the queue.
    /// Traces and metrics are exported only when Telemetry:OtlpEndpoint is set.
    /// </summary>
    public static IServiceCollection AddMeditron(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIngestion(configuration);
        services.AddRetrieval(configuration);
        services.AddPostgresStorage(configuration);
        services.AddGeneration(configuration);
        services.AddMessaging(configuration);
        services.AddTelemetry(configuration);
        if (configuration.UsesRabbitMq())
        {
            services.AddSingleton<IAnswerGenerator, QueuedAnswerGenerator>();
        }
        else
        {
            services.AddSingleton<IAnswerGenerator, LocalAnswerGenerator>();
        }
        services.AddSingleton<IngestService>();
        services.AddSingleton<DocumentService>();
        services.AddSingleton<AskService>();
        services.AddSingleton<AnswerEvaluator>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<FeedbackService>();
        services.AddSync(configuration);
        return services;
    }

    /// <summary>The ingestion worker (`meditron worker ingestion`): consumes the ingestion queue until the host stops.</summary>
    public static IServiceCollection AddIngestionWorker(this IServiceCollection services, IConfiguration configuration) =>
        services.AddWorkerOptions(configuration).AddHostedService<IngestionWorker>();

    /// <summary>The generation worker (`meditron worker generation`): consumes the generation queue until the host stops.</summary>
    public static IServiceCollection AddGenerationWorker(this IServiceCollection services, IConfiguration configuration) =>
        services.AddWorkerOptions(configuration).AddHostedService<GenerationWorker>();

    private static IServiceCollection AddWorkerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ConsumingQueues>();
        return services;
    }
}
