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

    /// <summary>
    /// A contents page (a "Contents" title, entries with dotted leaders and page numbers) followed by a guidance page
    /// that says what the entries only name: the contents page shares the question's words but is not guidance.
    /// </summary>
    public static byte[] ContentsThenGuidance()
    {
        var builder = new PdfDocumentBuilder();
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var contents = builder.AddPage(PageSize.A4);
        contents.AddText("Contents", 16, new UglyToad.PdfPig.Core.PdfPoint(50, 780), bold);
        string[] entries =
        [
            "Preface ................................................................ v",
            "1 Snake bite: antivenom dose for children ............................ 2",
            "1.1 Signs of envenoming after a snake bite ........................... 2",
            "1.2 Antivenom dose and repeat doses ................................... 3",
            "2 Scorpion sting ...................................................... 4",
            "3 Dog bites and rabies ................................................ 5",
        ];
        double y = 740;
        foreach (string entry in entries)
        {
            contents.AddText(entry, 11, new UglyToad.PdfPig.Core.PdfPoint(50, y), regular);
            y -= 16;
        }

        var guidance = builder.AddPage(PageSize.A4);
        guidance.AddText("1 Snake bite", 16, new UglyToad.PdfPig.Core.PdfPoint(50, 780), bold);
        string[] paragraphs =
        [
            "Give antivenom to a child with a snake bite when there are signs of systemic envenoming.",
            "The antivenom dose for children is the same as the dose for adults.",
            "Repeat the antivenom dose after six hours if the signs of envenoming persist.",
        ];
        y = 750;
        foreach (string paragraph in paragraphs)
        {
            guidance.AddText(paragraph, 11, new UglyToad.PdfPig.Core.PdfPoint(50, y), regular);
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
