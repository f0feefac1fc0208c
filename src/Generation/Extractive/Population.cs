using System.Text.RegularExpressions;
using Meditron.Core.Documents;
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
        // "to all patients … except for pregnant women and infants < 1 month": the people excepted are not the ones it is about.
        var folded = ExceptionClauseRegex().Replace(TextFolding.Fold(text), string.Empty);
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
        var ages = OfAges(folded) | AgeBands.Of(folded);
        if (ages == Population.None && InfantRegex().IsMatch(folded))
        {
            found |= Population.Newborn | Population.Child; // an infant of no stated age
        }
        return found | ages;
    }

    /// <summary>
    /// A patient named by age ("a 4-year-old", "aged 30 years", "7-month-old", "5-day-old", "4 ans", "3 meses"): under
    /// 18 years or counted in months a child, counted in days or weeks a newborn, else an adult.
    /// </summary>
    private static Population OfAges(string folded)
    {
        var found = Population.None;
        foreach (Match age in AgeRegex().Matches(folded).Where(m => m.Groups["pre"].Success || m.Groups["old"].Success))
        {
            var unit = age.Groups["unit"].Value;
            found |= unit[0] switch
            {
                'd' or 'w' or 'j' or 's' => Population.Newborn, // days, weeks, jours, semaines, dias, semanas
                'm' => Population.Child, // months, mois, meses
                _ => double.TryParse(age.Groups["n"].Value.Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture, out var years) && years < 18
                    ? Population.Child
                    : Population.Adult,
            };
        }
        return found;
    }

    /// <summary>
    /// The population a sentence of a passage is about when it names none itself: the age range of the table row it
    /// sits in (its row header, the last line before it that is an age range and nothing else), else the age ranges of
    /// the passage's section path ("Recommendations for ages up to 4 months").
    /// </summary>
    public static Population OfContext(string passage, int position, string section) => new Context(passage, section).At(position);

    /// <summary>
    /// A passage's row headers that are age ranges, by where each starts, and its section path's ages; read once, when a
    /// sentence of the passage that names no one is first asked about.
    /// </summary>
    internal sealed class Context(string passage, string section)
    {
        private (List<(int Start, Population Population)> RowHeaders, Population Section)? _read;

        /// <summary>Who a sentence starting at <paramref name="position"/> is about when it names no one.</summary>
        public Population At(int position)
        {
            var (rowHeaders, sectionAges) = _read ??= Read();
            var header = rowHeaders.LastOrDefault(h => h.Start < position);
            return header.Population != Population.None ? header.Population : sectionAges;
        }

        private (List<(int Start, Population Population)>, Population) Read()
        {
            var sectionAges = SectionPath.Levels(section).Select(l => TextFolding.Fold(l))
                .Aggregate(Population.None, (found, level) => found | AgeBands.OfHeaderLine(level) | AgeBands.Of(level));
            var rowHeaders = new List<(int Start, Population Population)>();
            foreach (var (line, lineStart) in TableRows.Lines(passage))
            {
                var header = AgeBands.OfHeaderLine(TextFolding.Fold(line));
                if (header != Population.None)
                {
                    rowHeaders.Add((lineStart, header));
                }
            }
            return (rowHeaders, sectionAges);
        }
    }

    /// <summary>Both name a population and they share none: a statement about someone else.</summary>
    public static bool Conflict(Population asked, Population stated) =>
        asked != Population.None && stated != Population.None && (asked & stated) == Population.None;

    [GeneratedRegex(@"\b(newborns?|neonat\w*|young infants?|nouveau-nes?|nouveaux-nes|recien nacidos?|neonatos?)\b")]
    private static partial Regex NewbornRegex();

    [GeneratedRegex(@"\b(child|children|childhood|toddlers?|paediatric|pediatric|adolescents?|enfants?|nourrissons?|pediatrique|ninos?|ninas?|lactantes?|pediatric[oa]s?)\b")]
    private static partial Regex ChildRegex();

    /// <summary>
    /// An infant (under one year) may be a young infant (under 2 months, a newborn here) or older: both, unless the text
    /// states the age ("infants 2 months up to 12 months"); a young infant is only a newborn.
    /// </summary>
    [GeneratedRegex(@"\b(?<!young )infants?\b")]
    private static partial Regex InfantRegex();

    [GeneratedRegex(@"\b(?:except(?:\s+for)?|excepting|excluding|other\s+than|apart\s+from|sauf|a\s+l'exception\s+de|excepto|salvo)\b[^.;]*")]
    private static partial Regex ExceptionClauseRegex();

    [GeneratedRegex(@"\b(adults?|adultes?|adult[oa]s?)\b")]
    private static partial Regex AdultRegex();

    /// <summary>
    /// A number and an age unit ("4-year-old", "4 years old", "aged 4 years", "âgé de 4 ans", "edad de 3 meses", folded);
    /// it names an age only with "old" after it or "aged" before it ("for 5 days" is a duration).
    /// </summary>
    [GeneratedRegex(@"\b(?<pre>aged?\s+(?:de\s+)?|agee?s?\s+de\s+|edad\s+de\s+)?(?<n>\d+(?:[.,]\d+)?)[\s-]*(?<unit>years?|yrs?|months?|weeks?|days?|ans|anos|mois|meses|semaines|semanas|jours|dias)\b(?<old>[\s-]*old\b)?")]
    private static partial Regex AgeRegex();

    [GeneratedRegex(@"\b(pregnan\w*|enceintes?|grossesses?|embarazadas?|embarazos?|gestantes?)\b")]
    private static partial Regex PregnantRegex();
}
