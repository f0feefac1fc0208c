using System.Globalization;

namespace Meditron.Api.Integrations.CdsHooks;

public enum AgeGroup
{
    Newborn,
    Infant,
    Child,
    Adolescent,
    Adult,
    OlderAdult,
}

/// <summary>A medication as drafted or prescribed: its name, the dose of one administration and the route.</summary>
public sealed record DraftedMedication(string Name, decimal? Dose, string? DoseUnit, string? Route)
{
    /// <summary>"80 mg/kg", or null when no dose quantity was given.</summary>
    public string? DoseText => Dose is { } dose ? $"{dose.ToString("0.###", CultureInfo.InvariantCulture)} {DoseUnit}".Trim() : null;
}

/// <summary>
/// What the guideline questions are built from: no name, no identifier, no birth date, only the age group. Lives for one
/// hook call; never logged above Debug, never stored.
/// </summary>
public sealed record PatientRecord
{
    public AgeGroup? AgeGroup { get; init; }
    /// <summary>"2 years", "8 months", "10 days".</summary>
    public string? Age { get; init; }
    /// <summary>FHIR administrative gender: "female", "male", "other", "unknown"; null when not recorded.</summary>
    public string? Sex { get; init; }
    public bool Pregnant { get; init; }
    public IReadOnlyList<string> Conditions { get; init; } = [];
    /// <summary>Active medications (patient-view) or the selected drafted orders (order-select).</summary>
    public IReadOnlyList<DraftedMedication> Medications { get; init; } = [];

    /// <summary>The patient as a guideline would name them: "a child aged 2 years", "a pregnant woman aged 25 years".</summary>
    public string Describe()
    {
        string noun = AgeGroup switch
        {
            CdsHooks.AgeGroup.Newborn => "newborn",
            CdsHooks.AgeGroup.Infant => "infant",
            CdsHooks.AgeGroup.Child => "child",
            CdsHooks.AgeGroup.Adolescent => Sex switch { "female" => "adolescent girl", "male" => "adolescent boy", _ => "adolescent" },
            CdsHooks.AgeGroup.Adult or CdsHooks.AgeGroup.OlderAdult => Sex switch { "female" => "woman", "male" => "man", _ => "adult" },
            _ => Sex switch { "female" => "female patient", "male" => "male patient", _ => "patient" },
        };
        if (Pregnant)
        {
            noun = "pregnant " + noun;
        }
        if (AgeGroup == CdsHooks.AgeGroup.OlderAdult)
        {
            noun = "older " + noun;
        }
        string article = "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
        return Age is null ? $"{article} {noun}" : $"{article} {noun} aged {Age}";
    }

    /// <summary>The age group and the age in the unit a guideline uses for it, from the birth date.</summary>
    public static (AgeGroup Group, string Age) AgeOn(DateOnly birthDate, DateOnly today)
    {
        int days = today.DayNumber - birthDate.DayNumber;
        int months = (today.Year - birthDate.Year) * 12 + today.Month - birthDate.Month - (today.Day < birthDate.Day ? 1 : 0);
        int years = months / 12;
        return days switch
        {
            < 28 => (CdsHooks.AgeGroup.Newborn, Plural(Math.Max(days, 0), "day")),
            _ when months < 12 => (CdsHooks.AgeGroup.Infant, Plural(months, "month")),
            _ when years < 12 => (CdsHooks.AgeGroup.Child, Plural(years, "year")),
            _ when years < 18 => (CdsHooks.AgeGroup.Adolescent, Plural(years, "year")),
            _ when years < 65 => (CdsHooks.AgeGroup.Adult, Plural(years, "year")),
            _ => (CdsHooks.AgeGroup.OlderAdult, Plural(years, "year")),
        };
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
