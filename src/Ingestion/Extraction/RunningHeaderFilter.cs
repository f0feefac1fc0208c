using System.Text;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Marks running headers and footers as removed: lines in the top or bottom margin zone whose text,
/// with digits replaced, repeats on several pages; a page's first or last line below the usual zone
/// (<see cref="LayoutLine.OuterMargin"/>), or a line in big type, only when its very text repeats on a fifth of the pages
/// (big type then stays where it first appears: a chapter's title printed atop each of its pages opens the chapter).
/// </summary>
internal static class RunningHeaderFilter
{
    /// <summary>Share of the pages a first or last line below the usual margin zone must repeat on, word for word.</summary>
    private const double OuterRepeatShare = 0.2;

    public static void Apply(IReadOnlyList<LayoutPage> pages)
    {
        var textPages = pages.Count(p => !p.Ocr);
        var zoneThreshold = textPages >= 6 ? 3 : 2;
        var outerThreshold = Math.Max(zoneThreshold, (int)Math.Ceiling(textPages * OuterRepeatShare));
        if (textPages < 2)
        {
            return;
        }

        // Big type in the margin ("CHAPTER 4" on each chapter's first page) is a heading, not a running header, unless
        // its very text tops a fifth of the pages ("WHO Model List of Essential Medicines – 23rd List (2023)" in 14 pt):
        // then only its first time is kept.
        var maxSize = DocumentStyle.BodySize(pages) * 1.3;
        var pagesPerKey = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var line in page.MarginLines)
            {
                var key = KeyOf(line, maxSize);
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
                var big = line.FontSize > maxSize;
                var repeats = pagesPerKey[KeyOf(line, maxSize)];
                // A chapter that prints its title atop each of its pages opens with it: the first is a heading.
                var opensChapter = big && page.Number == repeats.Min();
                if (repeats.Count >= (line.OuterMargin || big ? outerThreshold : zoneThreshold) && !opensChapter)
                {
                    line.Removed = true;
                }
            }
        }
    }

    /// <summary><see cref="Key"/>, or for big type its very text, digits and all: a chapter heading's number differs.</summary>
    private static string KeyOf(LayoutLine line, double maxSize) =>
        line.FontSize > maxSize ? "BIG:" + string.Concat(line.Text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant() : Key(line);

    /// <summary>
    /// The zone plus the text in upper case with every run of digits replaced by '#'; for a line below the usual zone,
    /// its text with its digits.
    /// </summary>
    public static string Key(LayoutLine line)
    {
        if (line.OuterMargin)
        {
            return (line.MarginZone < 0 ? "OT:" : "OB:") + string.Concat(line.Text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        }
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
