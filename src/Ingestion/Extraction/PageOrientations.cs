using UglyToad.PdfPig.Content;

namespace Meditron.Ingestion.Extraction;

/// <summary>Which text orientations of a page to read, in which order, and whose frame holds the page's margins.</summary>
/// <param name="Order">The orientations to read; the one with most letters first, since its text is the page's main content.</param>
/// <param name="Margins">The orientation whose frame gives the margin zones (running headers, page numbers).</param>
internal sealed record ReadPlan(IReadOnlyList<TextOrientation> Order, TextOrientation Margins);

/// <summary>
/// Decides which text orientations of a page to read. Pages with /Rotate 0 may still draw their
/// text sideways (landscape tables and forms turned to fit a portrait page); reading only upright
/// text left those pages empty.
/// </summary>
internal static class PageOrientations
{
    /// <summary>
    /// A sideways run with fewer letters that is not the page's main text is a label (a chart's axis
    /// title, a thumb tab, a printer's slug): it is dropped, since out of its place it only adds noise
    /// to the page's text and sections. Longer runs (a sideways column of a form, a panel of a fold-out) are content.
    /// </summary>
    public const int MinSecondaryLetters = 100;

    private static readonly TextOrientation[] Readable =
        [TextOrientation.Horizontal, TextOrientation.Rotate90, TextOrientation.Rotate270, TextOrientation.Rotate180];

    /// <remarks>
    /// Upright text is always read, as before, in the page's own frame: a book that turns a table
    /// sideways still prints its page number and running header upright, so those stay found and
    /// removed. Only a page without upright text takes its margins from its main orientation.
    /// Arbitrary angles are not read.
    /// </remarks>
    public static ReadPlan Choose(Page page)
    {
        var counts = new int[Readable.Length];
        foreach (var letter in page.Letters)
        {
            var index = IndexOf(letter.TextOrientation);
            if (index >= 0 && !string.IsNullOrWhiteSpace(letter.Value))
            {
                counts[index]++;
            }
        }

        // Most letters first; upright first on a tie (and on an empty page).
        var order = Enumerable.Range(0, Readable.Length).OrderByDescending(i => counts[i]).ThenBy(i => i).ToList();
        var read = order.Where(i => i == 0 || i == order[0] || counts[i] >= MinSecondaryLetters).Select(i => Readable[i]).ToList();
        return new ReadPlan(read, counts[0] > 0 ? TextOrientation.Horizontal : read[0]);
    }

    /// <summary>The index into <see cref="Readable"/>; -1 for arbitrary angles.</summary>
    private static int IndexOf(TextOrientation orientation) => orientation switch
    {
        TextOrientation.Horizontal => 0,
        TextOrientation.Rotate90 => 1,
        TextOrientation.Rotate270 => 2,
        TextOrientation.Rotate180 => 3,
        _ => -1,
    };
}
