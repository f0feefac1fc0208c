using Meditron.Generation;
using Meditron.Generation.Llama;
using Meditron.Messaging;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Meditron.Api.Health;

/// <summary>/healthz (the process is up) and /readyz (store, index, broker when configured, model when configured).</summary>
public static class ApiHealthServices
{
    private const string Ready = "ready";

    public static IServiceCollection AddApiHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [Ready])
            .AddCheck<IndexHealthCheck>("index", tags: [Ready]);
        bool rabbit = configuration.UsesRabbitMq();
        if (rabbit)
        {
            checks.AddCheck<BrokerHealthCheck>("broker", tags: [Ready]);
        }
        var engine = configuration.GetSection(GenerationOptions.SectionName).Get<GenerationOptions>()?.Engine ?? AnswerEngineKind.Auto;
        bool hasModel = !string.IsNullOrWhiteSpace(configuration[$"{LlamaOptions.SectionName}:{nameof(LlamaOptions.ModelPath)}"]);
        // With RabbitMQ the generation workers load the model, not this process.
        if (!rabbit && (engine == AnswerEngineKind.LlamaSharp || (engine == AnswerEngineKind.Auto && hasModel)))
        {
            checks.AddCheck<ModelHealthCheck>("model", tags: [Ready]);
        }
        return services;
    }

    public static IEndpointRouteBuilder MapApiHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
            .WithTags("Health").WithSummary("The process is up");
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = HealthResponse.WriteAsync })
            .WithTags("Health").WithSummary("Ready to serve: 503 names the failing part");
        return app;
    }
}
