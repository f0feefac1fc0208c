using System.Globalization;
using System.Text.RegularExpressions;

namespace Meditron.Generation.Extractive;

/// <summary>
/// Age ranges ("6–12 months", "under 2 months", "2 months up to 5 years", "15 years and over") and the populations they
/// cover, so that a row of a feeding or dose table headed "6–12 months" is not given to a question about a young
/// infant. A range counts as an age only where it is written as one: beside "aged", "of age" or "old", after the
/// people it describes ("children under 5 years"), at the start of a table row, or alone on its line (a row header);
/// "for 5–7 days" and "less than 14 days of cough" are durations.
/// </summary>
internal static partial class AgeBands
{
    private const double DaysPerYear = 365.25;

    /// <summary>The young infant's upper age in IMCI and the WHO pocket book: 2 months.</summary>
    private const double YoungInfantDays = 2 * DaysPerYear / 12;

    private const double AdultDays = 18 * DaysPerYear;

    /// <summary>The populations of the age ranges a folded text writes as ages.</summary>
    public static Population Of(string folded)
    {
        var found = Population.None;
        foreach (Match band in BandRegex().Matches(folded))
        {
            if (IsAge(folded, band))
            {
                found |= Covered(band);
            }
        }
        return found;
    }

    /// <summary>A folded line that is an age range and nothing else ("6–12 months", "up to 2 months of age:"): a row header.</summary>
    public static Population OfHeaderLine(string foldedLine)
    {
        var line = foldedLine.Trim().TrimEnd(':', '.', ';').Trim();
        var band = BandRegex().Match(line);
        if (!band.Success)
        {
            return Population.None;
        }
        var rest = (line[..band.Index] + line[(band.Index + band.Length)..]).Trim();
        return rest.Length == 0 || AgeWordsOnlyRegex().IsMatch(rest) ? Covered(band) : Population.None;
    }

    private static bool IsAge(string folded, Match band)
    {
        var before = folded[Math.Max(0, band.Index - 30)..band.Index];
        var after = folded[(band.Index + band.Length)..Math.Min(folded.Length, band.Index + band.Length + 12)];
        return folded[..band.Index].Trim().Length == 0 // the start of a row: its header cell
            || AgedBeforeRegex().IsMatch(before)
            || PeopleBeforeRegex().IsMatch(before)
            || OfAgeAfterRegex().IsMatch(after);
    }

    /// <summary>The populations an age range covers: under 2 months a young infant, under 18 years a child, else an adult.</summary>
    private static Population Covered(Match band)
    {
        var unit = band.Groups["unit"].Value;
        var lowUnit = band.Groups["lounit"].Success ? band.Groups["lounit"].Value : unit;
        double low = 0, high = double.PositiveInfinity;
        if (band.Groups["lo"].Success)
        {
            low = Days(band.Groups["lo"].Value, lowUnit);
        }
        if (band.Groups["hi"].Success)
        {
            high = Days(band.Groups["hi"].Value, unit);
        }
        else if (band.Groups["up"].Success)
        {
            low = Days(band.Groups["up"].Value, unit);
        }
        else if (band.Groups["below"].Success)
        {
            high = Days(band.Groups["below"].Value, unit);
        }
        var found = Population.None;
        if (low < YoungInfantDays - 0.5)
        {
            found |= Population.Newborn;
        }
        if (high > YoungInfantDays + 0.5 && low < AdultDays - 0.5)
        {
            found |= Population.Child;
        }
        if (high > AdultDays + 0.5)
        {
            found |= Population.Adult;
        }
        return found;
    }

    private static double Days(string number, string unit)
    {
        var n = double.Parse(number.Replace(',', '.'), CultureInfo.InvariantCulture);
        return unit[0] switch
        {
            'd' or 'j' => n, // days, jours, dias
            'w' or 's' => n * 7, // weeks, semaines, semanas
            'm' => n * DaysPerYear / 12, // months, mois, meses
            _ => n * DaysPerYear, // years, ans, anos
        };
    }

    private const string Number = @"\d+(?:[.,]\d+)?";

    private const string Unit = @"(?:years?|yrs?|months?|weeks?|days?|ans|anos|mois|meses|semaines|semanas|jours|dias)";

    /// <summary>
    /// "6–12 months", "2 months up to 5 years", "birth to 1 week", "under 2 months", "≥ 15 years", "5 years and over".
    /// </summary>
    [GeneratedRegex(
        @"(?:(?:(?<![\d.,])(?<lo>" + Number + @")\s*(?<lounit>" + Unit + @")?|\bbirth|\bnaissance|\bnacimiento)\s*(?:[–—-]|to|up\s+to|a|hasta|au|jusqu'?a)\s*(?<hi>" + Number + @")\s*(?<unit>" + Unit + @")\b"
        + @"|(?:\b(?:under|below|less\s+than|younger\s+than|up\s+to|moins\s+de|menos\s+de)|<|≤|<=)\s*(?<below>" + Number + @")\s*(?<unit>" + Unit + @")\b"
        + @"|(?:\b(?:over|above|older\s+than|more\s+than|from|plus\s+de|mas\s+de|a\s+partir\s+de|des)|>|≥|>=)\s*(?<up>" + Number + @")\s*(?<unit>" + Unit + @")\b"
        + @"|(?<up>" + Number + @")\s*(?<unit>" + Unit + @")\s*(?:and|or|et|y)\s+(?:over|above|older|more|plus|mas)\b)")]
    private static partial Regex BandRegex();

    [GeneratedRegex(@"\b(?:aged?|ages|age\s+groups?|d'?age|edad(?:es)?)\s*(?:of\s+|de\s+|from\s+)?$")]
    private static partial Regex AgedBeforeRegex();

    [GeneratedRegex(@"\b(?:child|children|infants?|babies|baby|newborns?|neonates?|adults?|patients?|persons?|people|women|men|girls?|boys?|adolescents?|enfants?|nourrissons?|ninos?|ninas?|lactantes?)\s*[(,]?\s*(?:from\s+)?$")]
    private static partial Regex PeopleBeforeRegex();

    [GeneratedRegex(@"^\s*(?:of\s+age|old|d'?age|de\s+edad)\b")]
    private static partial Regex OfAgeAfterRegex();

    /// <summary>What a row header may say beside its range: "age", "of age", "old", "children", "infants".</summary>
    [GeneratedRegex(@"^(?:(?:age[sd]?|of|old|children|child|infants?|from|d'?age|de|edad|enfants?|ninos?)\s*)+$")]
    private static partial Regex AgeWordsOnlyRegex();
}
