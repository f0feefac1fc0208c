using System.Text.Json;

namespace Meditron.Api.Integrations.CdsHooks;

/// <summary>A hook request checked against the specification: what the service goes on to read.</summary>
public sealed record HookCall
{
    public required string PatientId { get; init; }
    public Uri? FhirServer { get; init; }
    /// <summary>The bearer token for <see cref="FhirServer"/>; null: read it without one.</summary>
    public string? AccessToken { get; init; }
    public IReadOnlyList<string> Selections { get; init; } = [];
    public JsonElement? DraftOrders { get; init; }

    /// <summary>The checks of CDS Hooks 2.0 that this service relies on; any that fails is a 400.</summary>
    public static HookCall From(CdsServiceDefinition service, CdsHookRequest request)
    {
        if (request.Hook != service.Hook)
        {
            throw CdsHookException.Malformed($"Service '{service.Id}' answers the '{service.Hook}' hook, not '{request.Hook ?? "(none)"}'.");
        }
        if (string.IsNullOrWhiteSpace(request.HookInstance))
        {
            throw CdsHookException.Malformed("hookInstance is required.");
        }
        if (request.Context is not { ValueKind: JsonValueKind.Object } context)
        {
            throw CdsHookException.Malformed("context is required and must be an object.");
        }
        string patientId = RequiredString(context, "patientId");
        RequiredString(context, "userId");

        Uri? fhirServer = null;
        if (request.FhirServer is not null
            && (!Uri.TryCreate(request.FhirServer, UriKind.Absolute, out fhirServer) || fhirServer.Scheme is not ("http" or "https")))
        {
            throw CdsHookException.Malformed("fhirServer must be an absolute http or https URL.");
        }
        if (request.FhirAuthorization is { } authorization)
        {
            if (fhirServer is null)
            {
                throw CdsHookException.Malformed("fhirAuthorization is given without a fhirServer.");
            }
            if (string.IsNullOrWhiteSpace(authorization.AccessToken) || !string.Equals(authorization.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                throw CdsHookException.Malformed("fhirAuthorization needs an access_token and the token_type Bearer.");
            }
        }

        var call = new HookCall { PatientId = patientId, FhirServer = fhirServer, AccessToken = request.FhirAuthorization?.AccessToken };
        if (service.Id != CdsServiceCatalog.OrderSelectId)
        {
            return call;
        }
        // order-select: the orders being drafted, and which of them the clinician just selected.
        if (!context.TryGetProperty("selections", out var selections) || selections.ValueKind != JsonValueKind.Array
            || selections.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
        {
            throw CdsHookException.Malformed("context.selections must be an array of references (\"MedicationRequest/123\").");
        }
        if (!context.TryGetProperty("draftOrders", out var drafts) || drafts.ValueKind != JsonValueKind.Object
            || !drafts.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Bundle")
        {
            throw CdsHookException.Malformed("context.draftOrders must be a FHIR Bundle.");
        }
        return call with { Selections = [.. selections.EnumerateArray().Select(s => s.GetString()!)], DraftOrders = drafts.Clone() };
    }

    private static string RequiredString(JsonElement context, string name) =>
        context.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw CdsHookException.Malformed($"context.{name} is required and must be a string.");
}
