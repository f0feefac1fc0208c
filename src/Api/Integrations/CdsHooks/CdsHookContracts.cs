using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meditron.Api.Integrations.CdsHooks;

// The CDS Hooks 2.0 wire shapes (https://cds-hooks.hl7.org/2.0/). Our own records rather than the Firely SDK's
// Hl7.Fhir.Model.CdsHooks types, which that SDK marks experimental; the FHIR resources inside are parsed with the SDK.

/// <summary>GET /cds-services: the services this server offers.</summary>
public sealed record CdsDiscoveryResponse(IReadOnlyList<CdsServiceDefinition> Services);

public sealed record CdsServiceDefinition
{
    public required string Hook { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Id { get; init; }
    /// <summary>Key: the name the request's prefetch uses; value: the FHIR query template the EHR fills in.</summary>
    public required IReadOnlyDictionary<string, string> Prefetch { get; init; }
    public string? UsageRequirements { get; init; }
}

/// <summary>POST /cds-services/{id}. Context and prefetch stay JSON until the hook's own reader looks at them.</summary>
public sealed record CdsHookRequest
{
    public string? Hook { get; init; }
    public string? HookInstance { get; init; }
    public string? FhirServer { get; init; }
    public FhirAuthorization? FhirAuthorization { get; init; }
    public JsonElement? Context { get; init; }
    /// <summary>A value may be null: the EHR could not (or chose not to) fill that template.</summary>
    public Dictionary<string, JsonElement>? Prefetch { get; init; }
}

/// <summary>The OAuth 2.0 token the EHR lends for reading its FHIR server (snake_case, as the specification writes it).</summary>
public sealed record FhirAuthorization
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    public string? Scope { get; init; }
    public string? Subject { get; init; }
    public string? Patient { get; init; }
}

/// <summary>The hook's answer: zero or more cards.</summary>
public sealed record CdsHookResponse(IReadOnlyList<CdsCard> Cards);

public sealed record CdsCard
{
    public required string Uuid { get; init; }
    /// <summary>One sentence of at most <see cref="GuidelineCards.MaxSummaryLength"/> characters.</summary>
    public required string Summary { get; init; }
    /// <summary>"info", "warning" or "critical".</summary>
    public required string Indicator { get; init; }
    /// <summary>Markdown: the answer and the quoted passages.</summary>
    public string? Detail { get; init; }
    public required CdsSource Source { get; init; }
}

/// <summary>Where the card's advice comes from: the guideline (title, edition, page) and the link to that page.</summary>
public sealed record CdsSource
{
    public required string Label { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }
}
