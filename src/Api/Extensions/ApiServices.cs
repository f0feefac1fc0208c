using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Meditron.Api.Access;
using Meditron.Api.Answers;
using Meditron.Api.Errors;
using Meditron.Api.Health;
using Meditron.Api.Integrations.CdsHooks;
using Meditron.Api.Integrations.Dify;
using Meditron.Api.Integrations.Mcp;
using Meditron.Api.Integrations.OpenAi;
using Meditron.Api.Observability;
using Meditron.Application.Extensions;
using Meditron.Messaging;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Extensions;

public static class ApiServices
{
    /// <summary>
    /// The Meditron services (AddMeditron) and the API's own: ProblemDetails, API keys and scopes, rate limits, CORS,
    /// OpenAPI, health checks and Prometheus metrics. In the embedded shape (in-process transport) this process also
    /// runs the ingestion worker, so uploads are indexed here; with RabbitMQ the workers do it, and generate the answers.
    /// </summary>
    public static WebApplicationBuilder AddMeditronApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddMeditron(configuration);
        if (!configuration.UsesRabbitMq())
        {
            services.AddIngestionWorker(configuration);
        }

        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        // Multipart uploads are held to the same limit as the request body (the default would stop at 128 MB).
        services.AddOptions<FormOptions>().Configure<IOptions<ApiOptions>>((form, api) => form.MultipartBodyLengthLimit = api.Value.MaxUploadBytes);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["requestId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // Accented titles stay readable ("Cólera", not "C\u00F3lera").
            json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddApiAccess(configuration);
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Meditron guideline assistant API";
            document.Info.Description = "Cited answers from clinical guidelines (guideline, edition and page), passage search and document management. Send an API key in the X-Api-Key header.";
            return Task.CompletedTask;
        }));
        services.AddApiHealthChecks(configuration);
        services.AddApiMetrics(configuration);
        services.AddSingleton<CitationLinks>();
        services.AddSingleton<AnswerJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<AnswerJobs>());
        services.AddOpenAiChat();
        services.AddDifyRetrieval();
        services.AddCdsHooks(configuration);
        services.AddMeditronMcp();
        return builder;
    }
}
