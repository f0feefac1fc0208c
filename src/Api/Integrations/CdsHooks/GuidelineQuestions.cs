namespace Meditron.Api.Integrations.CdsHooks;

/// <summary>One question for the guidelines, built from the record, and what its card is about.</summary>
/// <param name="Topic">The condition or medication the card is about ("Pneumonia", "amoxicillin").</param>
/// <param name="Medication">The drafted or active medication whose dose the card checks; null for a condition.</param>
public sealed record GuidelineQuestion(string Topic, string Text, DraftedMedication? Medication);

/// <summary>
/// Turns the patient's record into guideline questions, phrased as a clinician would ask them: for a drafted
/// amoxicillin order for a 2-year-old with pneumonia, "What is the dose and duration of oral amoxicillin for
/// pneumonia in a child aged 2 years?". patient-view asks about each active condition and medication; order-select
/// about each selected drafted medication.
/// </summary>
public static class GuidelineQuestions
{
    /// <summary>Each question is a retrieval and an answer while the EHR waits: a few, the first ones of the record.</summary>
    public const int MaxQuestions = 4;

    public static IReadOnlyList<GuidelineQuestion> For(CdsServiceDefinition service, PatientRecord record)
    {
        string who = record.Describe();
        string? indication = record.Conditions.Count > 0 ? string.Join(" and ", record.Conditions.Select(c => c.ToLowerInvariant())) : null;
        var questions = record.Medications.Select(m => new GuidelineQuestion(m.Name, DoseQuestion(m, indication, who), m));
        if (service.Id == CdsServiceCatalog.PatientViewId)
        {
            // Conditions first: the chart is open, the treatment of what the patient has comes before dose checks.
            questions = record.Conditions
                .Select(c => new GuidelineQuestion(c, $"What is the treatment of {c.ToLowerInvariant()} in {who}?", null))
                .Concat(questions);
        }
        return questions.Take(MaxQuestions).ToList();
    }

    private static string DoseQuestion(DraftedMedication medication, string? indication, string who)
    {
        // SNOMED's route displays read "Oral route": the question says "oral amoxicillin".
        string? route = medication.Route?.ToLowerInvariant().Replace(" route", "", StringComparison.Ordinal).Trim();
        string drug = route is { Length: > 0 } ? $"{route} {medication.Name}" : medication.Name;
        return indication is null
            ? $"What is the dose and duration of {drug} in {who}?"
            : $"What is the dose and duration of {drug} for {indication} in {who}?";
    }
}
