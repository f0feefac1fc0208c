using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>A line of text drawn across another: a crowded page's last body line printed over the running footer.</summary>
public sealed class OverlaidLinesTests
{
    [Fact]
    public void A_body_line_printed_across_the_running_footer_keeps_its_words_and_the_footer_stays_out()
    {
        using var builder = new TestPdf();
        for (var n = 1; n <= 6; n++)
        {
            builder.NewPage()
                .Text("Malaria", 50, 80, 14, bold: true)
                .Lines(50, 120, TestPdf.Body(n), "Check G6PD status before treatment.")
                .Text("4th Edition 2017", 70, 822, 9);
            if (n == 3)
            {
                // Set lower than the others, its baseline 4 pt above the footer's, and its words over the footer's.
                builder.Text("Give primaquine therapy to eradicate liver stages.", 60, 818);
            }
        }

        var document = TestPdf.Extract(builder.Build());

        var page = string.Join("\n", document.Pages[2].Blocks.Select(b => b.Text));
        Assert.Contains("Give primaquine therapy to eradicate liver stages.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Edition", TestPdf.AllText(document), StringComparison.Ordinal);
    }
}
