using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Meditron.Tests.Support;

/// <summary>Small PDFs and broken files written by the tests themselves.</summary>
internal static class SmallPdfs
{
    public static byte[] Guideline(string heading, params string[] paragraphs)
    {
        var builder = new PdfDocumentBuilder();
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText(heading, 16, new UglyToad.PdfPig.Core.PdfPoint(50, 780), bold);
        double y = 750;
        foreach (string paragraph in paragraphs)
        {
            page.AddText(paragraph, 11, new UglyToad.PdfPig.Core.PdfPoint(50, y), regular);
            y -= 16;
        }
        return builder.Build();
    }

    public static byte[] TwoPages()
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (int i = 1; i <= 2; i++)
        {
            builder.AddPage(PageSize.A4).AddText($"Page {i}: check for danger signs before referral.", 11, new UglyToad.PdfPig.Core.PdfPoint(50, 700), regular);
        }
        return builder.Build();
    }
}
