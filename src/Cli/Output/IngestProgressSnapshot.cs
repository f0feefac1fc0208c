using Meditron.Ingestion;

namespace Meditron.Cli.Output;

/// <summary>
/// Where an ingest run stands, in pages (a page counts as done once extracted and embedded), with the
/// rate measured since the work started and the time left at that rate.
/// </summary>
/// <param name="FileNumber">1-based number of the file in progress or last finished; 0 before the first.</param>
/// <param name="File">Its name.</param>
/// <param name="FileProgress">How far the handler is with it; null before its first report.</param>
internal sealed record IngestProgressSnapshot(
    int FileNumber,
    int FileCount,
    string File,
    IngestProgress? FileProgress,
    double PagesDone,
    double PagesTotal,
    TimeSpan Elapsed)
{
    // 99:59:59: a rate near zero would otherwise overflow TimeSpan.
    private const double MaxRemainingSeconds = 359_999;

    /// <summary>Work done over time elapsed: an average over the whole run, so one slow page does not make it jump.</summary>
    public double? PagesPerSecond => PagesDone > 0 && Elapsed > TimeSpan.Zero ? PagesDone / Elapsed.TotalSeconds : null;

    public TimeSpan? Remaining => PagesPerSecond is double rate
        ? TimeSpan.FromSeconds(Math.Min(MaxRemainingSeconds, Math.Max(0, PagesTotal - PagesDone) / rate))
        : null;

    public double Fraction => PagesTotal > 0 ? Math.Clamp(PagesDone / PagesTotal, 0, 1) : 0;
}
