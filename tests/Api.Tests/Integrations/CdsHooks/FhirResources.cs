using System.Globalization;
using System.Text.Json.Nodes;

namespace Meditron.Api.Tests.Integrations.CdsHooks;

/// <summary>FHIR R4 resources as an EHR writes them (JSON), for the hook requests and the FHIR double.</summary>
internal static class FhirResources
{
    public static JsonObject Patient(string id, DateTime birthDate, string gender) => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = id,
        ["gender"] = gender,
        ["birthDate"] = birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>A patient born this many years (and a month) ago.</summary>
    public static JsonObject PatientAged(string id, int years, string gender) => Patient(id, DateTime.UtcNow.Date.AddYears(-years).AddMonths(-1), gender);

    public static JsonObject Condition(string id, string patientId, string snomed, string display) => new()
    {
        ["resourceType"] = "Condition",
        ["id"] = id,
        ["clinicalStatus"] = Concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"),
        ["verificationStatus"] = Concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"),
        ["code"] = Concept("http://snomed.info/sct", snomed, display),
        ["subject"] = new JsonObject { ["reference"] = $"Patient/{patientId}" },
    };

    public static JsonObject Pneumonia(string patientId) => Condition("cond-pneumonia", patientId, "233604007", "Pneumonia");

    /// <summary>A MedicationRequest for amoxicillin: <paramref name="mgPerKg"/> mg/kg by mouth twice daily.</summary>
    public static JsonObject Amoxicillin(string id, string patientId, decimal mgPerKg, string status = "draft") => new()
    {
        ["resourceType"] = "MedicationRequest",
        ["id"] = id,
        ["status"] = status,
        ["intent"] = "order",
        ["medicationCodeableConcept"] = Concept("http://www.nlm.nih.gov/research/umls/rxnorm", "723", "amoxicillin"),
        ["subject"] = new JsonObject { ["reference"] = $"Patient/{patientId}" },
        ["dosageInstruction"] = new JsonArray(new JsonObject
        {
            ["text"] = $"{mgPerKg} mg/kg by mouth twice daily",
            ["route"] = Concept("http://snomed.info/sct", "26643006", "Oral route"),
            ["doseAndRate"] = new JsonArray(new JsonObject
            {
                ["doseQuantity"] = new JsonObject { ["value"] = mgPerKg, ["unit"] = "mg/kg", ["system"] = "http://unitsofmeasure.org", ["code"] = "mg/kg" },
            }),
        }),
    };

    /// <summary>A searchset Bundle (what a FHIR search answers) or, with <paramref name="type"/>, another kind.</summary>
    public static JsonObject Bundle(IEnumerable<JsonObject>? resources = null, string type = "searchset")
    {
        var entries = new JsonArray();
        foreach (var resource in resources ?? [])
        {
            entries.Add(new JsonObject { ["resource"] = resource });
        }
        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = type };
        if (entries.Count > 0)
        {
            bundle["entry"] = entries; // FHIR has no empty arrays: an empty search result has no entry at all
        }
        return bundle;
    }

    private static JsonObject Concept(string system, string code, string display) => new()
    {
        ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code, ["display"] = display }),
        ["text"] = display,
    };
}
