using Meditron.Application.Ingesting;
using Meditron.Ingestion;

namespace Meditron.Cli.Output;

/// <summary>
/// Adds up the work of an ingest run in pages. A page weighs <see cref="ExtractionShare"/> for
/// extraction and the rest for embedding (chunks embedded / chunks of the document × pages). A skipped file leaves the total
/// instead of counting as done, so it cannot inflate the rate; a failed file keeps what it did and
/// drops the rest. Thread-safe: the handler reports from its worker threads.
/// </summary>
/// <param name="totalPages">The page count of all input files (0 for files that cannot be opened).</param>
/// <param name="clock">Time since any fixed origin (a stopwatch); tests pass their own.</param>
internal sealed class IngestProgressTracker(int fileCount, int totalPages, Func<TimeSpan> clock) : IProgress<IngestProgress>
{
    /// <summary>
    /// Extraction's part of a page's work. Measured on the corpus (docs/benchmarks.md, 2 cores): PdfPig reads
    /// ~210 pages/s, the embedder ~37 chunks/s at ~5 chunks a page, so embedding takes over 95% of the time;
    /// 10% leaves room for pages read by OCR. With equal halves the ETA climbed through every large file.
    /// </summary>
    internal const double ExtractionShare = 0.1;

    private readonly Lock gate = new();
    private double pagesTotal = totalPages;
    private double pagesDone;
    private TimeSpan? started;
    private int fileNumber;
    private string file = "";
    private int filePages;
    private IngestProgress? current;

    /// <param name="pages">The file's page count, as counted for the total.</param>
    public void BeginFile(string name, int pages)
    {
        lock (gate)
        {
            // The rate is measured from the first file, not from start-up and page counting.
            started ??= clock();
            fileNumber++;
            file = name;
            filePages = pages;
            current = null;
        }
    }

    public void Report(IngestProgress value)
    {
        lock (gate)
        {
            current = value;
        }
    }

    /// <param name="status">indexed, skipped or failed (<see cref="IngestFileReport"/>).</param>
    public IngestProgressSnapshot EndFile(string status)
    {
        lock (gate)
        {
            switch (status)
            {
                case IngestFileReport.SkippedStatus:
                    pagesTotal -= filePages;
                    break;
                case IngestFileReport.FailedStatus:
                    double done = CurrentFileDone();
                    pagesDone += done;
                    pagesTotal -= filePages - done;
                    break;
                default:
                    pagesDone += filePages;
                    break;
            }
            filePages = 0;
            return SnapshotCore();
        }
    }

    public IngestProgressSnapshot Snapshot()
    {
        lock (gate)
        {
            return SnapshotCore();
        }
    }

    private IngestProgressSnapshot SnapshotCore() => new(
        fileNumber,
        fileCount,
        file,
        current,
        pagesDone + CurrentFileDone(),
        pagesTotal,
        started is TimeSpan start ? clock() - start : TimeSpan.Zero);

    private double CurrentFileDone()
    {
        if (current is null || filePages == 0)
        {
            return 0;
        }
        double extracted = current.Pages > 0 ? Math.Min(1, (double)current.PagesExtracted / current.Pages) : 0;
        double embedded = current.Chunks > 0 ? Math.Min(1, (double)current.ChunksEmbedded / current.Chunks) : 0;
        return filePages * ((ExtractionShare * extracted) + ((1 - ExtractionShare) * embedded));
    }
}
