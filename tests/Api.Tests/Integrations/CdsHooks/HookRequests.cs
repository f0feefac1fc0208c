using System.Text.Json.Nodes;

namespace Meditron.Api.Tests.Integrations.CdsHooks;

/// <summary>CDS Hooks 2.0 requests as an EHR sends them.</summary>
internal static class HookRequests
{
    public static JsonObject PatientView(string patientId, JsonObject? prefetch) => new()
    {
        ["hook"] = "patient-view",
        ["hookInstance"] = Guid.NewGuid().ToString(),
        ["context"] = new JsonObject { ["userId"] = "Practitioner/example", ["patientId"] = patientId },
        ["prefetch"] = prefetch,
    };

    public static JsonObject OrderSelect(string patientId, JsonObject prefetch, params JsonObject[] drafts) => new()
    {
        ["hook"] = "order-select",
        ["hookInstance"] = Guid.NewGuid().ToString(),
        ["context"] = new JsonObject
        {
            ["userId"] = "Practitioner/example",
            ["patientId"] = patientId,
            ["selections"] = new JsonArray([.. drafts.Select(d => (JsonNode)$"MedicationRequest/{d["id"]}")]),
            ["draftOrders"] = FhirResources.Bundle(drafts, "collection"),
        },
        ["prefetch"] = prefetch,
    };

    public static JsonObject Prefetch(JsonObject patient, IEnumerable<JsonObject> conditions, IEnumerable<JsonObject>? medications = null) => new()
    {
        ["patient"] = patient,
        ["conditions"] = FhirResources.Bundle(conditions),
        ["medications"] = FhirResources.Bundle(medications ?? []),
    };
}
