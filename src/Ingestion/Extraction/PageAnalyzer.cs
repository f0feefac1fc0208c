using UglyToad.PdfPig.Content;

namespace Meditron.Ingestion.Extraction;

/// <summary>Layout analysis of one page with a text layer: lines, tables, reading order, blocks, margin lines.</summary>
internal static class PageAnalyzer
{
    private const int BlankPageMaxOperations = 50;

    /// <summary>Pages where at least this share of the letters are undecodable are read by OCR (corpus: 0.84–0.99 such pages, at most 0.08 elsewhere).</summary>
    private const double UndecodableShareForOcr = 0.5;

    /// <summary>
    /// Analyses each orientation of the page's text that is worth reading (<see cref="PageOrientations"/>)
    /// in the frame where it is upright; the blocks of the main orientation come first.
    /// </summary>
    public static LayoutPage Analyze(Page page)
    {
        var plan = PageOrientations.Choose(page);
        var margins = TextFrame.For(plan.Margins, page.Width, page.Height);
        var result = new LayoutPage(page.Number, margins.Height);
        // Once per page, whatever the number of frames: text drawn twice is read once.
        var letters = ShiftedPageCopy.Without(OverprintedLetters.Without(page.Letters));
        foreach (var orientation in plan.Order)
        {
            // Margins of another frame are the page's sides: no running headers or page numbers there.
            var frame = TextFrame.For(orientation, page.Width, page.Height);
            AnalyzeFrame(WordReader.Read(letters, frame), frame.Height, result, withMargins: orientation == plan.Margins);
        }

        return result;
    }

    private static void AnalyzeFrame(List<PageWord> words, double height, LayoutPage result, bool withMargins)
    {
        var rows = LineBuilder.BuildRows(words);
        var tables = TableDetector.Detect(rows);
        var inTable = new HashSet<LayoutLine>(tables.SelectMany(t => t.Lines), ReferenceEqualityComparer.Instance);

        var items = new List<PlacedItem>();
        var lines = rows.SelectMany(r => r).Where(l => !inTable.Contains(l)).ToList();
        if (withMargins)
        {
            MarginZones.Assign(lines, height);
            result.MarginLines.AddRange(lines.Where(l => l.MarginZone != 0));
        }
        items.AddRange(lines.Select(PlacedItem.Of));

        items.AddRange(tables.Select(PlacedItem.Of));
        var blocks = new List<LayoutBlock>();
        BlockBuilder.Build(ReadingOrder.Order(items), blocks);
        result.Blocks.AddRange(SideNotes.Place(blocks));
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
