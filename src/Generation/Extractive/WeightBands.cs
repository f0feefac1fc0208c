using System.Globalization;
using System.Text.RegularExpressions;
using Meditron.Generation.Citations;

namespace Meditron.Generation.Extractive;

/// <summary>
/// Body-weight bands of dose tables ("5 – &lt; 15 kg", "15 to &lt;25 kg", "≥ 35 kg", "under 20 kg") and the weight a
/// question gives its patient ("a 19 kg child", "weighing 9 kg"), so that the row for another weight is never the
/// answer: for a 19 kg child, "child weighing 5 – &lt; 15 kg: one tablet twice a day" is a dose for someone else. Doses
/// per kilogram ("20 mg/kg", "ml/kg") are not weights.
/// </summary>
internal static partial class WeightBands
{
    /// <summary>The patient weights (kg) a question states; empty when it states none.</summary>
    public static IReadOnlyList<double> Stated(string question)
    {
        var folded = TextFolding.Fold(question);
        var bands = BandRegex().Matches(folded).Select(m => (m.Index, m.Length)).ToList();
        return WeightRegex().Matches(folded)
            .Where(w => !bands.Any(b => w.Index >= b.Index && w.Index < b.Index + b.Length))
            .Select(w => Parse(w.Groups["kg"].Value))
            .ToList();
    }

    /// <summary>
    /// Whether a sentence states weight bands and none of them holds any of the patient's weights. A sentence with no
    /// band, or a question with no weight, never conflicts.
    /// </summary>
    public static bool Conflict(IReadOnlyList<double> weights, string sentence)
    {
        if (weights.Count == 0)
        {
            return false;
        }
        var bands = BandRegex().Matches(TextFolding.Fold(sentence)).Select(Range).ToList();
        return bands.Count > 0 && !bands.Any(b => weights.Any(w => w >= b.Low && w < b.High));
    }

    /// <summary>
    /// A band as a half-open range [low, high): tables write "5 – &lt; 15 kg" then "15 – &lt; 25 kg", and "5–14 kg" then
    /// "15–24 kg", so a written upper bound without "&lt;" is taken to include the next whole kilogram.
    /// </summary>
    private static (double Low, double High) Range(Match band)
    {
        if (band.Groups["lo"].Success)
        {
            var high = Parse(band.Groups["hi"].Value);
            return (Parse(band.Groups["lo"].Value), band.Groups["lt"].Success ? high : Math.Floor(high) + 1);
        }
        if (band.Groups["below"].Success)
        {
            var below = Parse(band.Groups["below"].Value);
            return (0, band.Groups["le"].Success ? Math.Floor(below) + 1 : below);
        }
        var up = Parse(band.Groups["up"].Value);
        return (band.Groups["gt"].Success ? up + 1e-9 : up, double.PositiveInfinity);
    }

    private static double Parse(string number) => double.Parse(number.Replace(',', '.'), CultureInfo.InvariantCulture);

    private const string Number = @"\d+(?:[.,]\d+)?";

    /// <summary>A weight in kilograms that is not a dose per kilogram ("20 mg/kg", "per kg", "kg/day").</summary>
    [GeneratedRegex(@"(?<![\d.,/])(?<kg>" + Number + @")\s*kg\b(?!\s*/)")]
    private static partial Regex WeightRegex();

    /// <summary>"5 – &lt; 15 kg", "15 to &lt;25 kg", "8-10 kg", "≥ 35 kg", "&gt;20 kg", "under 20 kg", "25 kg and over".</summary>
    [GeneratedRegex(
        @"(?<![\d.,/])(?<lo>" + Number + @")\s*(?:kg\s*)?(?:[–—-]|to|up\s+to|a)\s*(?<lt><|less\s+than|under)?\s*(?<hi>" + Number + @")\s*kg\b(?!\s*/)"
        + @"|(?:\b(?:under|below|less\s+than|up\s+to|moins\s+de|menos\s+de)|<|(?<le>≤|<=))\s*(?<below>" + Number + @")\s*kg\b(?!\s*/)"
        + @"|(?:\b(?:over|above|more\s+than|at\s+least|plus\s+de|mas\s+de)|(?<gt>>)|≥|>=)\s*(?<up>" + Number + @")\s*kg\b(?!\s*/)"
        + @"|(?<![\d.,/])(?<up>" + Number + @")\s*kg\s*(?:and|or|et|y)\s+(?:over|above|more|plus|mas)\b")]
    private static partial Regex BandRegex();
}
