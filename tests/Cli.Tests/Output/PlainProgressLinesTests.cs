using Meditron.Application.Ingesting;
using Meditron.Cli.Output;
using Meditron.Ingestion;

namespace Meditron.Cli.Tests.Output;

public sealed class PlainProgressLinesTests
{
    [Fact]
    public void While_a_file_is_in_progress_a_line_is_written_at_most_every_ten_seconds()
    {
        var clock = new ManualClock();
        var tracker = new IngestProgressTracker(1, 1000, clock.Read);
        using var output = new StringWriter();
        var lines = new PlainProgressLines(tracker, output, clock.Read, TimeSpan.FromSeconds(10));
        tracker.BeginFile("big.pdf", 1000);

        for (int t = 1; t <= 35; t++)
        {
            clock.Advance(1);
            lines.Report(new IngestProgress(t * 10, 1000, 0, 0));
        }
        var report = new IngestFileReport("big.pdf", "doc_1", IngestFileReport.IndexedStatus, 1000, 3000, null);
        lines.FileFinished(tracker.EndFile(report.Status), report);

        string[] written = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, written.Length);
        Assert.Equal("[1/1] big.pdf: 100/1000 pages extracted; 10/1000 pages, 1.0 pages/s, ETA 00:16:30", written[0]);
        Assert.StartsWith("[1/1] big.pdf: 300/1000 pages extracted;", written[2], StringComparison.Ordinal);
        Assert.StartsWith("[1/1] big.pdf: indexed, 1000 pages, 3000 chunks; 1000/1000 pages", written[3], StringComparison.Ordinal);
    }
}
