using UglyToad.PdfPig.Content;

namespace Meditron.Ingestion.Extraction;

/// <summary>Layout analysis of one page with a text layer: lines, tables, reading order, blocks, margin lines.</summary>
internal static class PageAnalyzer
{
    /// <summary>Share of the page height at the top and at the bottom where running headers, footers and page numbers live.</summary>
    public const double MarginZoneFraction = 0.12;

    private const int BlankPageMaxOperations = 50;

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

    /// <summary>True when the page has no usable text layer and should go through OCR.</summary>
    public static bool NeedsOcr(Page page)
    {
        var letters = 0;
        foreach (var letter in page.Letters)
        {
            if (!string.IsNullOrWhiteSpace(letter.Value) && ++letters >= 10)
            {
                return false;
            }
        }

        // A blank page (no images, next to no drawing) has nothing to recognise.
        if (letters == 0 && page.NumberOfImages == 0 && page.Operations.Count < BlankPageMaxOperations)
        {
            return false;
        }

        return letters == 0 || (letters < 10 && page.NumberOfImages > 0);
    }
}
