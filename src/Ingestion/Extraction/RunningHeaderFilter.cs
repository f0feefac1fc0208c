using System.Text;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Marks running headers and footers as removed: lines in the top or bottom margin zone whose text,
/// with digits replaced, repeats on several pages.
/// </summary>
internal static class RunningHeaderFilter
{
    public static void Apply(IReadOnlyList<LayoutPage> pages)
    {
        var textPages = pages.Count(p => !p.Ocr);
        var threshold = textPages >= 6 ? 3 : 2;
        if (textPages < 2)
        {
            return;
        }

        // Big type in the margin ("CHAPTER 4" on each chapter's first page) is a heading, not a running header.
        var maxSize = DocumentStyle.BodySize(pages) * 1.3;
        var pagesPerKey = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var line in page.MarginLines.Where(l => l.FontSize <= maxSize))
            {
                var key = Key(line);
                if (!pagesPerKey.TryGetValue(key, out var set))
                {
                    pagesPerKey[key] = set = [];
                }

                set.Add(page.Number);
            }
        }

        foreach (var page in pages)
        {
            foreach (var line in page.MarginLines)
            {
                if (line.FontSize <= maxSize && pagesPerKey[Key(line)].Count >= threshold)
                {
                    line.Removed = true;
                }
            }
        }
    }

    /// <summary>The zone plus the text in upper case with every run of digits replaced by '#'.</summary>
    public static string Key(LayoutLine line)
    {
        var sb = new StringBuilder(line.Text.Length + 2);
        sb.Append(line.MarginZone < 0 ? 'T' : 'B').Append(':');
        var previousDigit = false;
        foreach (var ch in line.Text)
        {
            if (char.IsDigit(ch))
            {
                if (!previousDigit)
                {
                    sb.Append('#');
                }

                previousDigit = true;
                continue;
            }

            previousDigit = false;
            if (!char.IsWhiteSpace(ch))
            {
                sb.Append(char.ToUpperInvariant(ch));
            }
        }

        return sb.ToString();
    }
}
