using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Meditron.Api.Integrations.CdsHooks;

/// <summary>
/// Reads the FHIR R4 resources of a hook (prefetched, fetched, or the drafted orders of its context) into a
/// <see cref="PatientRecord"/>. Unknown elements are tolerated (EHRs add their own); a resource that is not FHIR, a
/// wrong literal or a resource of the wrong type is a malformed hook.
/// </summary>
public static class FhirRecordReader
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.BackwardsCompatible));

    // "An array needs to have at least one element": FHIR forbids "entry": [], but EHRs send it for an empty search.
    private const string EmptyArray = "JSON121";

    // SNOMED CT 77386006 "Pregnancy" (and its text) recorded as a Condition: the record's own word for it.
    private const string PregnancySnomed = "77386006";

    public static PatientRecord Read(HookData data, DateOnly today)
    {
        var patient = Resources<Patient>(data.Patient, CdsServiceCatalog.PatientKey).FirstOrDefault()
            ?? throw CdsHookException.Malformed("The patient prefetch holds no Patient resource.");
        var conditions = Resources<Condition>(data.Conditions, CdsServiceCatalog.ConditionsKey).Where(IsActive).ToList();
        var medications = data.DraftOrders is { } drafts
            ? Resources<MedicationRequest>(drafts, "context.draftOrders").Where(m => IsSelected(m, data.Selections))
            : Resources<MedicationRequest>(data.Medications, CdsServiceCatalog.MedicationsKey).Where(m => m.Status is null or MedicationRequest.MedicationrequestStatus.Active);

        (AgeGroup Group, string Age)? age = patient.BirthDateElement is { } birth && birth.TryToDateTimeOffset(out var born)
            ? PatientRecord.AgeOn(DateOnly.FromDateTime(born.Date), today)
            : null;
        return new PatientRecord
        {
            AgeGroup = age?.Group,
            Age = age?.Age,
            Sex = patient.Gender?.ToString().ToLowerInvariant(),
            Pregnant = conditions.Any(IsPregnancy),
            Conditions = conditions.Where(c => !IsPregnancy(c)).Select(c => Name(c.Code)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Medications = medications.Select(Drafted).OfType<DraftedMedication>().ToList(),
        };
    }

    /// <summary>The resources of type <typeparamref name="T"/> in a Bundle's entries, or the resource itself.</summary>
    private static List<T> Resources<T>(JsonElement? json, string what) where T : Resource
    {
        if (json is not { ValueKind: JsonValueKind.Object } element)
        {
            return json?.ValueKind is null or JsonValueKind.Null or JsonValueKind.Undefined
                ? []
                : throw CdsHookException.Malformed($"'{what}' must be a FHIR resource (a JSON object).");
        }
        var resource = Parse(element, what);
        return resource switch
        {
            T one => [one],
            Bundle bundle => bundle.Entry.Select(e => e.Resource).OfType<T>().ToList(),
            _ => throw CdsHookException.Malformed($"'{what}' is a {resource.TypeName}, not a {typeof(T).Name} or a Bundle of them."),
        };
    }

    private static Resource Parse(JsonElement json, string what)
    {
        try
        {
            bool parsed = Deserializer.TryDeserializeResource(json.GetRawText(), out var resource, out var issues);
            var errors = issues.Where(i => i.ErrorCode != EmptyArray).ToList();
            if ((parsed || errors.Count == 0) && resource is not null and not DynamicResource)
            {
                return resource;
            }
            throw CdsHookException.Malformed($"'{what}' is not a FHIR R4 resource: {errors.FirstOrDefault()?.Message ?? "unknown resourceType"}");
        }
        catch (Exception e) when (e is not CdsHookException)
        {
            // A code outside its value set, say: the SDK throws rather than reporting it.
            throw CdsHookException.Malformed($"'{what}' is not a valid FHIR R4 resource: {e.Message}");
        }
    }

    private static bool IsActive(Condition condition)
    {
        string? clinical = condition.ClinicalStatus?.Coding.FirstOrDefault()?.Code;
        string? verification = condition.VerificationStatus?.Coding.FirstOrDefault()?.Code;
        return clinical is null or "active" or "recurrence" or "relapse"
            && verification is not ("refuted" or "entered-in-error");
    }

    private static bool IsPregnancy(Condition condition) =>
        condition.Code is { } code
        && (code.Coding.Any(c => c.Code == PregnancySnomed)
            || (Name(code)?.Contains("pregnan", StringComparison.OrdinalIgnoreCase) ?? false));

    /// <summary>order-select names its selected orders ("MedicationRequest/123"); none named: every drafted order.</summary>
    private static bool IsSelected(MedicationRequest order, IReadOnlyList<string> selections) =>
        selections.Count == 0 || selections.Contains($"MedicationRequest/{order.Id}", StringComparer.Ordinal);

    private static DraftedMedication? Drafted(MedicationRequest order)
    {
        string? name = order.Medication switch
        {
            CodeableConcept concept => Name(concept),
            ResourceReference reference => reference.Display,
            _ => null,
        };
        if (name is null)
        {
            return null;
        }
        var dosage = order.DosageInstruction.FirstOrDefault();
        var quantity = dosage?.DoseAndRate.Select(d => d.Dose).OfType<Quantity>().FirstOrDefault();
        return new DraftedMedication(name, quantity?.Value, quantity?.Unit ?? quantity?.Code, Name(dosage?.Route));
    }

    /// <summary>What a clinician would call it: the concept's text, else its first coding's display.</summary>
    private static string? Name(CodeableConcept? concept) =>
        concept?.Text is { Length: > 0 } text ? text : concept?.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
}

/// <summary>The FHIR JSON of one hook call, prefetched or fetched: what <see cref="FhirRecordReader"/> reads.</summary>
public sealed record HookData
{
    public JsonElement? Patient { get; init; }
    public JsonElement? Conditions { get; init; }
    public JsonElement? Medications { get; init; }
    /// <summary>order-select's context.draftOrders (a Bundle); null for patient-view.</summary>
    public JsonElement? DraftOrders { get; init; }
    public IReadOnlyList<string> Selections { get; init; } = [];
}
