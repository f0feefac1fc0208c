using Spectre.Console;

namespace Meditron.Cli.Output;

/// <summary>
/// Progress over the files of one command, on stderr: a Spectre.Console bar when stderr is a
/// terminal, one plain line per file otherwise (logs, CI).
/// </summary>
internal static class FileProgress
{
    private static readonly IAnsiConsole Stderr = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });

    public static async Task RunAsync<T>(IReadOnlyList<T> items, Func<T, string> name, Func<T, Task<string>> work)
    {
        if (Console.IsErrorRedirected || !Stderr.Profile.Capabilities.Interactive)
        {
            for (int i = 0; i < items.Count; i++)
            {
                string outcome = await work(items[i]);
                await Console.Error.WriteLineAsync($"[{i + 1}/{items.Count}] {name(items[i])}: {outcome}");
            }
            return;
        }

        await Stderr.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("ingest", maxValue: items.Count);
                foreach (var item in items)
                {
                    bar.Description = Markup.Escape(name(item));
                    await work(item);
                    bar.Increment(1);
                }
                bar.Description = "done";
            });
    }
}
