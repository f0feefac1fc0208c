using System.Text.RegularExpressions;

namespace Meditron.Ingestion.Extraction;

/// <summary>Counts shared by the rules that tell guidance from contents, indexes, references and forms.</summary>
internal static partial class RowFeatures
{
    /// <summary>A lower-case word ending a sentence: what running guidance text has and lists of entries lack.</summary>
    [GeneratedRegex(@"\p{Ll}{2,}[.!?](?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    public static int Letters(string text) => text.Count(char.IsLetter);

    public static bool IsTextRow(string row) => Letters(row) >= 3;

    /// <summary>Running text: at least a dozen words and a sentence that ends in a full stop.</summary>
    public static bool IsProse(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 12 && SentenceEnd().IsMatch(text);

    /// <summary>The share of consecutive pairs that do not go down (1 for fewer than two numbers).</summary>
    public static double NonDecreasingShare(IReadOnlyList<int> numbers)
    {
        if (numbers.Count < 2)
        {
            return 1;
        }

        var up = 0;
        for (var i = 1; i < numbers.Count; i++)
        {
            if (numbers[i] >= numbers[i - 1])
            {
                up++;
            }
        }

        return up / (double)(numbers.Count - 1);
    }

    /// <summary>The share of <paramref name="rows"/> that <paramref name="isEntry"/> accepts, and how many it accepts.</summary>
    public static (int Count, double Share) Entries(IReadOnlyList<string> rows, Func<string, bool> isEntry)
    {
        var count = rows.Count(isEntry);
        return (count, rows.Count == 0 ? 0 : count / (double)rows.Count);
    }

    /// <summary>A heading without its numbering and trailing punctuation, for comparing with titles ("10. References:" → "References").</summary>
    public static string BareTitle(string heading) =>
        LeadingNumber().Replace(heading.Trim(), "").TrimEnd(':', '.', ' ').Trim();

    [GeneratedRegex(@"^(?:(?:chapter|section|annex|appendix|part)\s+)?(?:[A-Z]?\d+(?:\.\d+)*|[IVX]{1,5})[.:)]?\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumber();
}
