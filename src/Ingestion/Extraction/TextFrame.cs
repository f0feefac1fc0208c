using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// The page seen turned so that text of one orientation reads left to right: maps PdfPig's
/// crop-box coordinates (y up) into that frame (y up, origin bottom-left), so that sideways
/// tables and forms go through the same line, table and reading-order analysis as upright text.
/// </summary>
internal readonly record struct TextFrame(TextOrientation Orientation, double Width, double Height)
{
    /// <summary>The frame for text of <paramref name="orientation"/> on a page of the given crop-box size.</summary>
    public static TextFrame For(TextOrientation orientation, double pageWidth, double pageHeight) =>
        orientation is TextOrientation.Rotate90 or TextOrientation.Rotate270
            ? new TextFrame(orientation, pageHeight, pageWidth) // a quarter turn swaps the sides
            : new TextFrame(orientation, pageWidth, pageHeight);

    /// <summary>Whether text of this orientation can be read in a frame (arbitrary angles cannot).</summary>
    public static bool IsReadable(TextOrientation orientation) => orientation != TextOrientation.Other;

    /// <summary>A point of the page in this frame.</summary>
    public PdfPoint Map(PdfPoint p) => Orientation switch
    {
        // Baseline runs down the page: the frame's x goes down (from the page top), its y goes right.
        TextOrientation.Rotate90 => new PdfPoint(Width - p.Y, p.X),

        // Baseline runs up the page: the frame's x goes up, its y goes left (from the page's right edge).
        TextOrientation.Rotate270 => new PdfPoint(p.Y, Height - p.X),

        // Upside down: both axes reversed.
        TextOrientation.Rotate180 => new PdfPoint(Width - p.X, Height - p.Y),
        _ => p,
    };
}
