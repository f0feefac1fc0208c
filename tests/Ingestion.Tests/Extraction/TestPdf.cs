using Meditron.Ingestion.Extraction;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Graphics.Operations.SpecialGraphicsState;
using UglyToad.PdfPig.Graphics.Operations.TextShowing;
using UglyToad.PdfPig.Graphics.Operations.TextState;
using UglyToad.PdfPig.Tokens;
using UglyToad.PdfPig.Writer;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>Builds small PDFs for the extraction tests with PdfPig's writer (standard 14 fonts).</summary>
internal sealed class TestPdf : IDisposable
{
    private readonly PdfDocumentBuilder builder = new();
    private PdfPageBuilder? page;

    public TestPdf()
    {
        Regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        Bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
    }

    public PdfDocumentBuilder.AddedFont Regular { get; }

    public PdfDocumentBuilder.AddedFont Bold { get; }

    public PdfPageBuilder Page => page ?? throw new InvalidOperationException("No page yet.");

    public TestPdf NewPage()
    {
        page = builder.AddPage(PageSize.A4);
        return this;
    }

    /// <summary>Writes text with its baseline at (x, y), y measured from the top of the A4 page (842 pt).</summary>
    public TestPdf Text(string text, double x, double yFromTop, double size = 10, bool bold = false)
    {
        Page.AddText(text, size, new PdfPoint(x, 842 - yFromTop), bold ? Bold : Regular);
        return this;
    }

    /// <summary>
    /// Writes <paramref name="before"/> and <paramref name="after"/> as one text run with the pen moved back by
    /// <paramref name="kern"/> thousandths of the font size between them (a TJ array), as typesetters kern a heading:
    /// ("T ", 278, "riage") draws "r" where the space starts.
    /// </summary>
    public TestPdf KernedText(string before, double kern, string after, double x, double yFromTop, double size = 18, bool bold = true)
    {
        var operations = Page.CurrentStream.Operations;
        var from = operations.Count;
        Text(before + after, x, yFromTop, size, bold);
        // The writer shows the text in several Tj pieces: one TJ array instead.
        var added = operations.Skip(from).ToList();
        operations.RemoveRange(from, added.Count);
        var first = added.FindIndex(o => o is ShowText);
        added.RemoveAll(o => o is ShowText);
        added.Insert(first, new ShowTextsWithPositioning([new StringToken(before), new NumericToken(kern), new StringToken(after)]));
        operations.AddRange(added);
        return this;
    }

    /// <summary>Writes text with <paramref name="spacing"/> points added after every character (Tc), as letter-spaced headings are set.</summary>
    public TestPdf TrackedText(string text, double spacing, double x, double yFromTop, double size = 12, bool bold = true)
    {
        var operations = Page.CurrentStream.Operations;
        operations.Add(new SetCharacterSpacing(spacing));
        Text(text, x, yFromTop, size, bold);
        operations.Add(new SetCharacterSpacing(0));
        return this;
    }

    /// <summary>
    /// Writes text turned a quarter turn, its baseline starting at (x, y from the top): running down the
    /// page (turned clockwise, PdfPig's Rotate90) or up the page (counterclockwise, Rotate270).
    /// </summary>
    public TestPdf SidewaysText(string text, double x, double yFromTop, bool down, double size = 10)
    {
        // q, cm with the turn and the start point as origin, the text at (0, 0), Q.
        var operations = Page.CurrentStream.Operations;
        var sin = down ? -1.0 : 1.0;
        operations.Add(Push.Value);
        operations.Add(new ModifyCurrentTransformationMatrix([0, sin, -sin, 0, x, 842 - yFromTop]));
        Page.AddText(text, size, new PdfPoint(0, 0), Regular);
        operations.Add(Pop.Value);
        return this;
    }

    /// <summary>
    /// Writes lines of body text, 14 pt apart, on a page turned sideways: (x, y from the top) are in the
    /// frame where the text reads upright (842 wide, 595 high), as a reader who turns the page sees it.
    /// </summary>
    public TestPdf SidewaysLines(double x, double yFromTop, bool down, params string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var y = yFromTop + (i * 14);
            _ = down ? SidewaysText(lines[i], 595 - y, x, down: true) : SidewaysText(lines[i], y, 842 - x, down: false);
        }

        return this;
    }

    /// <summary>Writes lines of body text from the given top position with 14 pt leading.</summary>
    public TestPdf Lines(double x, double yFromTop, params string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            Text(lines[i], x, yFromTop + (i * 14));
        }

        return this;
    }

    public byte[] Build() => builder.Build();

    public void Dispose() => builder.Dispose();

    public static PdfExtractor Extractor(Action<ExtractionOptions>? configure = null)
    {
        var options = new ExtractionOptions();
        configure?.Invoke(options);
        return new PdfExtractor(Options.Create(options), NullLogger<PdfExtractor>.Instance);
    }

    public static ExtractedDocument Extract(byte[] pdf, Action<ExtractionOptions>? configure = null)
    {
        using var stream = new MemoryStream(pdf);
        return Extractor(configure).Extract(stream, CancellationToken.None);
    }

    public static string AllText(ExtractedDocument document) =>
        string.Join("\n", document.Pages.SelectMany(p => p.Blocks).Select(b => b.Text));

    public static string Body(int paragraph) =>
        $"Paragraph {paragraph} explains the clinical assessment of the child in some detail";
}
