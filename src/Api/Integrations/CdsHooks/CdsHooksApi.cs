using Meditron.Core.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meditron.Api.Integrations.CdsHooks;

/// <summary>
/// CDS Hooks 2.0: GET /cds-services (discovery) and POST /cds-services/{id}. Both need an API key with the ask scope
/// (Authorization: Bearer or X-Api-Key), discovery included: the EHR is configured with the key before it discovers,
/// and the rest of the API shows nothing to a caller without one.
/// </summary>
public static class CdsHooksApi
{
    public static IEndpointRouteBuilder MapCdsHooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/cds-services").RequireAuthorization(ApiScopes.Ask).WithTags("CDS Hooks");
        group.MapGet("", () => TypedResults.Ok(new CdsDiscoveryResponse(CdsServiceCatalog.All)))
            .WithName("CdsHooksDiscovery")
            .WithSummary("CDS Hooks discovery: the services, their hooks and prefetch templates");
        group.MapPost("/{id}", CallAsync)
            .WithName("CdsHooksCall")
            .WithSummary("Call a CDS service: guideline cards for the patient, cited to guideline, edition and page")
            .WithDescription("400 for a malformed hook; 412 when prefetch data is missing and no fhirServer was given (or it could not be read).");
        return app;
    }

    internal static async Task<Results<Ok<CdsHookResponse>, ProblemHttpResult>> CallAsync(
        string id, CdsHookRequest? body, HttpContext http, CdsHookHandler handler, CancellationToken cancellationToken)
    {
        if (CdsServiceCatalog.Find(id) is not { } service)
        {
            return TypedResults.Problem(title: "No such CDS service", detail: $"GET /cds-services lists the services; '{id}' is not one.", statusCode: StatusCodes.Status404NotFound);
        }
        if (body is null)
        {
            return TypedResults.Problem(title: "Malformed hook request", detail: "The body must be a CDS Hooks request.", statusCode: StatusCodes.Status400BadRequest);
        }
        try
        {
            return TypedResults.Ok(await handler.HandleAsync(service, body, http.Request, cancellationToken));
        }
        catch (CdsHookException e)
        {
            return TypedResults.Problem(title: e.Title, detail: e.Message, statusCode: e.Status);
        }
    }
}
