using Meditron.Application.Ingesting;
using System.Diagnostics;
using Meditron.Ingestion;
using Spectre.Console;

namespace Meditron.Cli.Output;

/// <summary>
/// Progress of an ingest run on stderr, in pages extracted and embedded. One line per finished file;
/// below them, when stderr is a terminal, a live line fitted to its width; otherwise (logs, CI) a
/// line at most every 10 s while a long file is in progress.
/// </summary>
internal static class FileProgress
{
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(10);

    private static readonly IAnsiConsole Stderr = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });

    /// <param name="pages">An item's page count, read quickly before the work starts (0 when it cannot be read).</param>
    /// <param name="work">Ingests one item, reporting how far it is.</param>
    public static async Task RunAsync<T>(
        IReadOnlyList<T> items,
        Func<T, string> name,
        Func<T, int> pages,
        Func<T, IProgress<IngestProgress>, Task<IngestFileReport>> work)
    {
        ArgumentNullException.ThrowIfNull(items);
        int[] counts = items.Select(pages).ToArray();
        var clock = Stopwatch.StartNew();
        var tracker = new IngestProgressTracker(items.Count, counts.Sum(), () => clock.Elapsed);

        if (Console.IsErrorRedirected || !Stderr.Profile.Capabilities.Interactive)
        {
            var lines = new PlainProgressLines(tracker, Console.Error, () => clock.Elapsed, LineInterval);
            for (int i = 0; i < items.Count; i++)
            {
                tracker.BeginFile(name(items[i]), counts[i]);
                var report = await work(items[i], lines);
                lines.FileFinished(tracker.EndFile(report.Status), report);
            }
            return;
        }

        await Stderr.Progress()
            .AutoClear(false)
            .Columns(new IngestLineColumn(tracker))
            .StartAsync(async context =>
            {
                var task = context.AddTask("ingest", maxValue: 1);
                for (int i = 0; i < items.Count; i++)
                {
                    tracker.BeginFile(name(items[i]), counts[i]);
                    var report = await work(items[i], tracker);
                    // Above the live line: what each file came to stays on screen.
                    Stderr.WriteLine(IngestProgressText.FileFinished(tracker.EndFile(report.Status), report));
                }
                task.Value = 1;
            });
    }
}
