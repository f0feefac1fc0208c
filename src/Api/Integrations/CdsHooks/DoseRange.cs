using System.Globalization;
using System.Text.RegularExpressions;

namespace Meditron.Api.Integrations.CdsHooks;

/// <summary>
/// A dose range a guideline states ("40 to 50 mg/kg", "40–50 mg/kg"), and whether a drafted dose is outside it.
/// The rule is deliberately simple: the first range in a cited quote that names the drug (else in any cited quote),
/// in the same unit as the drafted dose (written the same way, case aside); a single dose ("40 mg/kg"), a range in
/// another unit, or a drafted dose without a unit gives no verdict, and the card stays "info".
/// </summary>
public sealed partial record DoseRange(decimal Low, decimal High, string Unit)
{
    public static DoseRange? Find(IEnumerable<string> quotes, DraftedMedication medication)
    {
        if (medication.Dose is null || string.IsNullOrWhiteSpace(medication.DoseUnit))
        {
            return null;
        }
        var texts = quotes.ToList();
        string drugWord = medication.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var naming = texts.Where(q => q.Contains(drugWord, StringComparison.OrdinalIgnoreCase));
        return naming.Concat(texts).SelectMany(RangesIn).FirstOrDefault(r => SameUnit(r.Unit, medication.DoseUnit));
    }

    public bool Excludes(decimal dose) => dose < Low || dose > High;

    public override string ToString() => $"{Low.ToString("0.###", CultureInfo.InvariantCulture)}–{High.ToString("0.###", CultureInfo.InvariantCulture)} {Unit}";

    private static IEnumerable<DoseRange> RangesIn(string text)
    {
        foreach (Match match in RangePattern().Matches(text))
        {
            if (decimal.TryParse(match.Groups["low"].Value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal low)
                && decimal.TryParse(match.Groups["high"].Value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal high)
                && low <= high)
            {
                yield return new DoseRange(low, high, match.Groups["unit"].Value);
            }
        }
    }

    private static bool SameUnit(string stated, string drafted) => Normalise(stated) == Normalise(drafted);

    private static string Normalise(string unit) =>
        unit.Replace(" ", "", StringComparison.Ordinal).Replace("µ", "u", StringComparison.Ordinal).Replace("μ", "u", StringComparison.Ordinal)
            .Replace("mcg", "ug", StringComparison.OrdinalIgnoreCase).ToLowerInvariant();

    // "40 to 50 mg/kg", "40-50 mg/kg", "40 – 50 mg/kg/day", "2.5 to 5 mg".
    [GeneratedRegex(@"(?<low>\d+(?:[.,]\d+)?)\s*(?:to|-|–|—)\s*(?<high>\d+(?:[.,]\d+)?)\s*(?<unit>[a-zA-Zµμ]+(?:/[a-zA-Z0-9]+)*)", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();
}
