using Meditron.Application.Ingesting;
using Meditron.Ingestion;

namespace Meditron.Cli.Output;

/// <summary>
/// Ingest progress as plain lines, for logs and CI: one line per finished file, and while a long file
/// is in progress a line at most every <paramref name="interval"/>, so that a log shows movement.
/// </summary>
internal sealed class PlainProgressLines(IngestProgressTracker tracker, TextWriter output, Func<TimeSpan> clock, TimeSpan interval)
    : IProgress<IngestProgress>
{
    private readonly Lock gate = new();
    private TimeSpan lastLine = clock();

    public void Report(IngestProgress value)
    {
        tracker.Report(value);
        lock (gate)
        {
            var now = clock();
            if (now - lastLine < interval)
            {
                return;
            }
            lastLine = now;
            output.WriteLine(IngestProgressText.FileInProgress(tracker.Snapshot()));
        }
    }

    public void FileFinished(IngestProgressSnapshot snapshot, IngestFileReport report)
    {
        lock (gate)
        {
            lastLine = clock();
            output.WriteLine(IngestProgressText.FileFinished(snapshot, report));
        }
    }
}
