using Meditron.Api.Endpoints;
using Meditron.Api.Errors;
using Meditron.Api.Health;
using Meditron.Api.Integrations.CdsHooks;
using Meditron.Api.Integrations.Dify;
using Meditron.Api.Integrations.Mcp;
using Meditron.Api.Integrations.OpenAi;
using Meditron.Api.Observability;
using Meditron.Api.Web;
using Meditron.Core.Access;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Meditron.Api.Extensions;

public static class ApiEndpoints
{
    /// <summary>The middleware, in the order it must run, and every endpoint.</summary>
    public static WebApplication MapMeditronApi(this WebApplication app)
    {
        app.UseMiddleware<RequestAuditMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(); // an empty 4xx (unreadable JSON, a wrong content type) becomes a ProblemDetails
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseWebPage();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapAskApi();
        app.MapFeedbackApi();
        app.MapSearchApi();
        app.MapDocumentsApi();
        app.MapKeysApi();
        app.MapOpenAiChatApi();
        app.MapDifyRetrievalApi();
        app.MapCdsHooksApi();
        app.MapMeditronMcp();
        app.MapApiHealthChecks();
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
        if (!app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.AnonymousMetrics)
        {
            metrics.RequireAuthorization(ApiScopes.Admin);
        }
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", scalar => scalar.WithTitle("Meditron API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
