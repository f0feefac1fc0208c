using Meditron.Application.Ingesting;
using Meditron.Cli.Output;
using Meditron.Ingestion;

namespace Meditron.Cli.Tests.Output;

public sealed class IngestProgressTextTests
{
    private static IngestProgressSnapshot Snapshot(string file, double done, double total, double elapsedSeconds, IngestProgress? progress = null) =>
        new(3, 30, file, progress, done, total, TimeSpan.FromSeconds(elapsedSeconds));

    [Fact]
    public void At_width_80_a_line_is_never_longer_than_79_characters()
    {
        foreach (int nameLength in Enumerable.Range(0, 30).Select(i => i * 7))
        {
            foreach (double total in new[] { 0, 1, 438, 99_999 })
            {
                foreach (double fraction in new[] { 0, 0.37, 1 })
                {
                    foreach (double elapsed in new[] { 0, 3, 36_000 })
                    {
                        var snapshot = Snapshot(new string('x', nameLength), fraction * total, total, elapsed);
                        Assert.True(IngestProgressText.Terminal(snapshot, 80).ToString().Length <= 79);
                        foreach (int width in Enumerable.Range(0, 201))
                        {
                            Assert.True(IngestProgressText.Terminal(snapshot, width, unicode: false).ToString().Length <= Math.Max(0, width - 1), $"width {width}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void A_long_file_name_is_shortened_in_the_middle_and_the_line_keeps_its_bar_and_figures()
    {
        string name = "who_pocket_book_hospital_care_children_second_edition_guidelines_2ed_2013.pdf";
        var line = IngestProgressText.Terminal(Snapshot(name, 812, 2610, 57), 80);

        Assert.Equal(79, line.ToString().Length);
        Assert.StartsWith("who_pocket_book", line.Name, StringComparison.Ordinal);
        Assert.EndsWith("2ed_2013.pdf", line.Name, StringComparison.Ordinal);
        Assert.Contains('…', line.Name);
        Assert.True(line.BarWidth >= 10);
        Assert.Equal(" 31% 812/2610 pages ETA 00:02:06", line.Figures);
    }

    [Fact]
    public void A_finished_file_line_gives_its_outcome_then_pages_done_rate_and_eta()
    {
        var report = new IngestFileReport("who_pocket_book.pdf", "doc_1", IngestFileReport.IndexedStatus, 438, 1520, null);

        string line = IngestProgressText.FileFinished(Snapshot("who_pocket_book.pdf", 800, 2610, 50), report);

        Assert.Equal("[3/30] who_pocket_book.pdf: indexed, 438 pages, 1520 chunks; 800/2610 pages, 16.0 pages/s, ETA 00:01:53", line);
    }

    [Fact]
    public void A_failed_file_line_carries_its_reason()
    {
        var report = new IngestFileReport("broken.pdf", "doc_2", IngestFileReport.FailedStatus, 0, 0, "The PDF is damaged or truncated and cannot be opened (PdfDocumentFormatException).");

        string line = IngestProgressText.FileFinished(Snapshot("broken.pdf", 0, 0, 1), report);

        Assert.Equal("[3/30] broken.pdf: failed: The PDF is damaged or truncated and cannot be opened (PdfDocumentFormatException); 0/0 pages, - pages/s, ETA --:--:--", line);
    }

    [Fact]
    public void A_line_for_a_file_in_progress_gives_its_pages_extracted_and_chunks_embedded()
    {
        var snapshot = Snapshot("big.pdf", 600, 1000, 60, new IngestProgress(438, 438, 640, 1520));

        Assert.Equal(
            "[3/30] big.pdf: 438/438 pages extracted, 640/1520 chunks embedded; 600/1000 pages, 10.0 pages/s, ETA 00:00:40",
            IngestProgressText.FileInProgress(snapshot));
    }

    [Theory]
    [InlineData("abcdefghij.pdf", 14, "abcdefghij.pdf")]
    [InlineData("abcdefghij.pdf", 9, "abcd….pdf")]
    [InlineData("abcdefghij.pdf", 1, "a")]
    [InlineData("abcdefghij.pdf", 0, "")]
    public void A_name_is_cut_in_the_middle_to_fit(string name, int width, string expected) =>
        Assert.Equal(expected, IngestProgressText.Shorten(name, width));
}
