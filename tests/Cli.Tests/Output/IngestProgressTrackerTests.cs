using Meditron.Application.Ingesting;
using Meditron.Cli.Output;
using Meditron.Ingestion;

namespace Meditron.Cli.Tests.Output;

public sealed class IngestProgressTrackerTests
{
    [Fact]
    public void The_eta_is_unknown_until_some_work_is_done()
    {
        var clock = new ManualClock();
        var tracker = new IngestProgressTracker(1, 100, clock.Read);
        tracker.BeginFile("a.pdf", 100);
        clock.Advance(5);

        var snapshot = tracker.Snapshot();

        Assert.Null(snapshot.Remaining);
        Assert.Equal("--:--:--", IngestProgressText.Eta(snapshot.Remaining));
    }

    [Fact]
    public void At_a_constant_rate_the_eta_counts_down_with_the_clock_through_extraction_embedding_and_files()
    {
        // Two files of 100 pages done at 10 pages/s: extraction is a tenth of a page's weight (1 s a file), embedding the rest.
        var clock = new ManualClock();
        var tracker = new IngestProgressTracker(2, 200, clock.Read);
        var etas = new List<TimeSpan>();
        foreach (string file in new[] { "a.pdf", "b.pdf" })
        {
            tracker.BeginFile(file, 100);
            for (int t = 1; t <= 10; t++)
            {
                clock.Advance(1);
                tracker.Report(new IngestProgress(100, 100, 100 * (t - 1), 900));
                etas.Add(tracker.Snapshot().Remaining!.Value);
            }
            tracker.EndFile(IngestFileReport.IndexedStatus);
        }

        for (int i = 0; i < etas.Count; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(20 - (i + 1)).TotalSeconds, etas[i].TotalSeconds, precision: 6);
        }
    }

    [Fact]
    public void A_skipped_file_leaves_the_rate_and_the_eta_of_a_run_without_it()
    {
        var withSkip = Run(skipFirst: true);
        var without = Run(skipFirst: false);

        Assert.Equal(without.PagesTotal, withSkip.PagesTotal);
        Assert.Equal(without.PagesDone, withSkip.PagesDone);
        Assert.Equal(without.PagesPerSecond, withSkip.PagesPerSecond);
        Assert.Equal(without.Remaining, withSkip.Remaining);

        static IngestProgressSnapshot Run(bool skipFirst)
        {
            var clock = new ManualClock();
            var tracker = new IngestProgressTracker(skipFirst ? 3 : 2, skipFirst ? 700 : 200, clock.Read);
            if (skipFirst)
            {
                tracker.BeginFile("already.pdf", 500);
                tracker.EndFile(IngestFileReport.SkippedStatus);
            }
            tracker.BeginFile("a.pdf", 100);
            clock.Advance(5);
            tracker.Report(new IngestProgress(100, 100, 0, 0));
            return tracker.Snapshot();
        }
    }

    [Fact]
    public void A_failed_file_keeps_the_work_it_did_and_drops_its_other_pages_from_the_total()
    {
        var clock = new ManualClock();
        var tracker = new IngestProgressTracker(2, 200, clock.Read);
        tracker.BeginFile("bad.pdf", 100);
        clock.Advance(5);
        tracker.Report(new IngestProgress(100, 100, 50, 200)); // extracted, a quarter embedded: 10 + 22.5 pages of work

        var snapshot = tracker.EndFile(IngestFileReport.FailedStatus);

        Assert.Equal(32.5, snapshot.PagesDone, precision: 6);
        Assert.Equal(132.5, snapshot.PagesTotal, precision: 6);
        Assert.Equal(100 / 6.5, snapshot.Remaining!.Value.TotalSeconds, precision: 3); // 100 pages left at 32.5 pages in 5 s
    }
}
