using System.Globalization;
using System.Text.RegularExpressions;

namespace Meditron.Ingestion.Extraction;

/// <summary>Finds the page number printed in the top or bottom margin zone of a page.</summary>
internal static partial class PageNumberDetector
{
    [GeneratedRegex(@"^(?:(?:page|p\.|pg\.?|página|pagina)\s*)?[-–—(\[|]?\s*(\d{1,4}|[ivxlcdm]{1,8})\s*[-–—)\]|]?(?:\s*(?:of|/|de|sur)\s*\d{1,4})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Standalone();

    [GeneratedRegex(@"^(\d{1,4})\s*[|•·]?\s+\p{L}|\p{L}[^\d]*\s[|•·]?\s*(\d{1,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex AtEdgeOfHeader();

    /// <summary>Sets <see cref="LayoutPage.DetectedLabel"/> and marks a standalone number line as removed.</summary>
    public static void Detect(LayoutPage page)
    {
        LayoutLine? best = null;
        string? bestLabel = null;
        var bestDistance = double.MaxValue;
        foreach (var line in page.MarginLines)
        {
            var match = Standalone().Match(line.Text);
            if (!match.Success || !IsNumber(match.Groups[1].Value))
            {
                continue;
            }

            var distance = line.MarginZone < 0 ? line.Top : page.Height - line.Bottom;
            if (distance < bestDistance)
            {
                (best, bestLabel, bestDistance) = (line, match.Groups[1].Value, distance);
            }
        }

        if (best is not null)
        {
            best.Removed = true;
            page.DetectedLabel = bestLabel;
            return;
        }

        // "82 POCKET BOOK OF HOSPITAL CARE" or "Chapter 4 | 83": a number at the edge of a running header.
        foreach (var line in page.MarginLines.Where(l => l.Removed))
        {
            var match = AtEdgeOfHeader().Match(line.Text);
            if (match.Success)
            {
                page.DetectedLabel = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
                return;
            }
        }
    }

    private static bool IsNumber(string text) =>
        char.IsDigit(text[0]) ? int.Parse(text, CultureInfo.InvariantCulture) > 0 : RomanNumerals.Parse(text) > 0;

    public static bool TryArabic(string? label, out int value)
    {
        value = 0;
        return label is { Length: > 0 } && label.All(char.IsAsciiDigit) && int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
