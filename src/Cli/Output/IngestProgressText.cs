using Meditron.Application.Ingesting;
using System.Globalization;

namespace Meditron.Cli.Output;

/// <summary>The text of ingest progress: plain lines for logs, and the terminal line fitted to a width.</summary>
internal static class IngestProgressText
{
    public const string UnknownEta = "--:--:--";

    // The bar takes what the name leaves, within these bounds; a name shorter than MinName is not worth a bar.
    private const int MinBar = 10;
    private const int MaxBar = 30;
    private const int MinName = 8;

    /// <summary>To the nearest second, so that 989.9999 s of floating-point work reads 00:16:30.</summary>
    public static string Eta(TimeSpan? remaining) => remaining is TimeSpan r && TimeSpan.FromSeconds(Math.Round(r.TotalSeconds)) is var s
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)s.TotalHours:00}:{s.Minutes:00}:{s.Seconds:00}")
        : UnknownEta;

    /// <summary>"812/2610 pages, 14.2 pages/s, ETA 00:02:07".</summary>
    public static string Totals(IngestProgressSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        string rate = s.PagesPerSecond is double r ? r.ToString("0.0", CultureInfo.InvariantCulture) : "-";
        return string.Create(CultureInfo.InvariantCulture, $"{Pages(s.PagesDone)}/{Pages(s.PagesTotal)} pages, {rate} pages/s, ETA {Eta(s.Remaining)}");
    }

    /// <summary>"[3/30] who_pocket_book.pdf: indexed, 438 pages, 1520 chunks; 812/2610 pages, 14.2 pages/s, ETA 00:02:07".</summary>
    public static string FileFinished(IngestProgressSnapshot s, IngestFileReport report)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(report);
        string outcome = report.Status switch
        {
            // The reason's own full stop would run into the "; " before the totals.
            IngestFileReport.FailedStatus => $"failed: {report.Error?.TrimEnd('.') ?? "no reason given"}",
            IngestFileReport.SkippedStatus => $"skipped (already indexed), {Count(report.Pages, "page")}, {Count(report.Chunks, "chunk")}",
            _ => $"{report.Status}, {Count(report.Pages, "page")}, {Count(report.Chunks, "chunk")}",
        };
        return string.Create(CultureInfo.InvariantCulture, $"[{s.FileNumber}/{s.FileCount}] {report.File}: {outcome}; {Totals(s)}");
    }

    /// <summary>"[3/30] who_pocket_book.pdf: 438/438 pages extracted, 640/1520 chunks embedded; 812/2610 pages, …".</summary>
    public static string FileInProgress(IngestProgressSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var p = s.FileProgress;
        string state = p is null ? "started"
            : p.Chunks == 0 ? $"{p.PagesExtracted}/{p.Pages} pages extracted"
            : $"{p.PagesExtracted}/{p.Pages} pages extracted, {p.ChunksEmbedded}/{p.Chunks} chunks embedded";
        return string.Create(CultureInfo.InvariantCulture, $"[{s.FileNumber}/{s.FileCount}] {s.File}: {state}; {Totals(s)}");
    }

    /// <summary>
    /// The terminal line for a console <paramref name="width"/> columns wide: at most width - 1
    /// characters (writing the last column makes some terminals wrap), the file name shortened first.
    /// </summary>
    /// <param name="unicode">Whether the terminal shows '…'; otherwise '~' marks a shortened name.</param>
    public static TerminalProgressLine Terminal(IngestProgressSnapshot s, int width, bool unicode = true)
    {
        ArgumentNullException.ThrowIfNull(s);
        int budget = Math.Max(0, width - 1);
        int percent = (int)Math.Floor(s.Fraction * 100);
        string figures = string.Create(CultureInfo.InvariantCulture, $"{percent,3}% {Pages(s.PagesDone)}/{Pages(s.PagesTotal)} pages ETA {Eta(s.Remaining)}");
        if (figures.Length >= budget)
        {
            return new TerminalProgressLine("", 0, 0, figures[..budget]);
        }

        int rest = budget - figures.Length - 1; // one space before the figures
        string name = s.File;
        int nameWidth;
        int bar;
        if (name.Length == 0)
        {
            nameWidth = 0;
            bar = rest >= MinBar ? Math.Min(MaxBar, rest) : 0;
        }
        else if (rest - 1 - MinBar >= MinName)
        {
            nameWidth = Math.Min(name.Length, rest - 1 - MinBar);
            bar = Math.Min(MaxBar, rest - 1 - nameWidth);
        }
        else
        {
            nameWidth = Math.Min(name.Length, rest);
            bar = 0;
        }

        int done = (int)Math.Floor(s.Fraction * bar);
        return new TerminalProgressLine(Shorten(name, nameWidth, unicode ? "…" : "~"), done, bar - done, figures);
    }

    /// <summary>Cuts the middle of a name, keeping its start and its end (the edition and ".pdf").</summary>
    public static string Shorten(string name, int width, string ellipsis = "…")
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(ellipsis);
        if (name.Length <= width)
        {
            return name;
        }
        if (width <= ellipsis.Length)
        {
            return name[..Math.Max(0, width)];
        }
        int keep = width - ellipsis.Length;
        int head = keep / 2;
        return string.Concat(name.AsSpan(0, head), ellipsis, name.AsSpan(name.Length - (keep - head)));
    }

    private static string Pages(double pages) => ((long)Math.Floor(pages + 1e-9)).ToString(CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
