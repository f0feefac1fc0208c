using System.Text.RegularExpressions;
using Meditron.Generation.Citations;

namespace Meditron.Generation.Extractive;

/// <summary>Who a question or a sentence is about: the populations whose doses and criteria differ.</summary>
[Flags]
internal enum Population
{
    None = 0,
    Newborn = 1,
    Child = 2,
    Adult = 4,
    Pregnant = 8,
}

/// <summary>
/// Finds the populations a text names (English, French, Spanish), so that an answer never gives a dose written
/// for a child to a question about an adult: a sentence naming only other populations than the question's is
/// not about the question's patient.
/// </summary>
internal static partial class Populations
{
    public static Population Of(string text)
    {
        var folded = TextFolding.Fold(text);
        var found = Population.None;
        if (NewbornRegex().IsMatch(folded))
        {
            found |= Population.Newborn;
        }
        if (ChildRegex().IsMatch(folded))
        {
            found |= Population.Child;
        }
        if (AdultRegex().IsMatch(folded))
        {
            found |= Population.Adult;
        }
        if (PregnantRegex().IsMatch(folded))
        {
            found |= Population.Pregnant;
        }
        return found;
    }

    /// <summary>Both name a population and they share none: a statement about someone else.</summary>
    public static bool Conflict(Population asked, Population stated) =>
        asked != Population.None && stated != Population.None && (asked & stated) == Population.None;

    [GeneratedRegex(@"\b(newborns?|neonat\w*|young infants?|nouveau-nes?|nouveaux-nes|recien nacidos?|neonatos?)\b")]
    private static partial Regex NewbornRegex();

    [GeneratedRegex(@"\b(child|children|childhood|infants?|paediatric|pediatric|adolescents?|enfants?|nourrissons?|pediatrique|ninos?|ninas?|lactantes?|pediatric[oa]s?)\b")]
    private static partial Regex ChildRegex();

    [GeneratedRegex(@"\b(adults?|adultes?|adult[oa]s?)\b")]
    private static partial Regex AdultRegex();

    [GeneratedRegex(@"\b(pregnan\w*|enceintes?|grossesses?|embarazadas?|embarazos?|gestantes?)\b")]
    private static partial Regex PregnantRegex();
}
