using UglyToad.PdfPig.Content;

namespace Meditron.Ingestion.Extraction;

/// <summary>Layout analysis of one page with a text layer: lines, tables, reading order, blocks, margin lines.</summary>
internal static class PageAnalyzer
{
    /// <summary>Share of the page height at the top and at the bottom where running headers, footers and page numbers live.</summary>
    public const double MarginZoneFraction = 0.12;

    private const int BlankPageMaxOperations = 50;

    /// <summary>Pages where at least this share of the letters are undecodable are read by OCR (corpus: 0.84–0.99 such pages, at most 0.08 elsewhere).</summary>
    private const double UndecodableShareForOcr = 0.5;

    public static LayoutPage Analyze(Page page, List<PageWord> words)
    {
        var height = page.Height;
        var result = new LayoutPage(page.Number, height);
        var rows = LineBuilder.BuildRows(words);
        var tables = TableDetector.Detect(rows);
        var inTable = new HashSet<LayoutLine>(tables.SelectMany(t => t.Lines), ReferenceEqualityComparer.Instance);

        var items = new List<PlacedItem>();
        foreach (var line in rows.SelectMany(r => r))
        {
            if (inTable.Contains(line))
            {
                continue;
            }

            var centre = (line.Top + line.Bottom) / 2;
            line.MarginZone = centre < height * MarginZoneFraction ? -1 : centre > height * (1 - MarginZoneFraction) ? 1 : 0;
            if (line.MarginZone != 0)
            {
                result.MarginLines.Add(line);
            }

            items.Add(PlacedItem.Of(line));
        }

        items.AddRange(tables.Select(PlacedItem.Of));
        BlockBuilder.Build(ReadingOrder.Order(items), result.Blocks);
        return result;
    }

    /// <summary>
    /// True when the page has no usable text layer and should go through OCR: no text, or text whose glyphs
    /// mostly map to no character (fonts without a usable ToUnicode table extract as U+FFFD).
    /// </summary>
    public static bool NeedsOcr(Page page)
    {
        int letters = 0, undecodable = 0;
        foreach (var letter in page.Letters)
        {
            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                continue;
            }
            letters++;
            if (letter.Value.Contains(TextNormalizer.Undecodable, StringComparison.Ordinal))
            {
                undecodable++;
            }
        }

        if (letters >= 10)
        {
            // Some fonts map only their space glyph to U+FFFD (a few percent of letters): that text is fine.
            return undecodable >= UndecodableShareForOcr * letters;
        }

        // A blank page (no images, next to no drawing) has nothing to recognise.
        if (letters == 0 && page.NumberOfImages == 0 && page.Operations.Count < BlankPageMaxOperations)
        {
            return false;
        }

        return letters == 0 || page.NumberOfImages > 0;
    }
}
