namespace Meditron.Api.Integrations.CdsHooks;

/// <summary>The two services of GET /cds-services and the prefetch keys they ask the EHR to fill.</summary>
public static class CdsServiceCatalog
{
    public const string PatientViewId = "meditron-patient-view";
    public const string OrderSelectId = "meditron-order-select";

    public const string PatientKey = "patient";
    public const string ConditionsKey = "conditions";
    public const string MedicationsKey = "medications";

    /// <summary>The FHIR queries behind each prefetch key, relative to the FHIR base; also what a fetch from fhirServer asks.</summary>
    public static readonly IReadOnlyDictionary<string, string> PrefetchTemplates = new Dictionary<string, string>
    {
        [PatientKey] = "Patient/{{context.patientId}}",
        [ConditionsKey] = "Condition?patient={{context.patientId}}&clinical-status=active",
        [MedicationsKey] = "MedicationRequest?patient={{context.patientId}}&status=active",
    };

    public static readonly CdsServiceDefinition PatientView = new()
    {
        Id = PatientViewId,
        Hook = "patient-view",
        Title = "Guideline advice for this patient",
        Description = "Cited guideline passages (guideline, edition, page) on the treatment of the patient's active conditions and the dosing of their active medications, for the patient's age group, sex and pregnancy.",
        Prefetch = PrefetchTemplates,
        UsageRequirements = "An API key with the ask scope, sent as Authorization: Bearer <key>.",
    };

    public static readonly CdsServiceDefinition OrderSelect = new()
    {
        Id = OrderSelectId,
        Hook = "order-select",
        Title = "Guideline dosing for the drafted medication",
        Description = "The guideline's dose and duration of each selected draft MedicationRequest for the patient's age group and conditions, cited to guideline, edition and page; a warning when the drafted dose is outside the range the guideline states.",
        Prefetch = PrefetchTemplates,
        UsageRequirements = "An API key with the ask scope, sent as Authorization: Bearer <key>.",
    };

    public static readonly IReadOnlyList<CdsServiceDefinition> All = [PatientView, OrderSelect];

    public static CdsServiceDefinition? Find(string id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>The prefetch items a hook cannot do without (order-select's drafted orders come in its context).</summary>
    public static IReadOnlyList<string> RequiredKeys(CdsServiceDefinition service) =>
        service.Id == OrderSelectId ? [PatientKey, ConditionsKey] : [PatientKey, ConditionsKey, MedicationsKey];
}
