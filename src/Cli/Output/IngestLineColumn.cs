using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Meditron.Cli.Output;

/// <summary>
/// The whole ingest progress line as one Spectre.Console column, laid out by
/// <see cref="IngestProgressText.Terminal"/> for the console's width so that it never wraps. Its
/// figures come from the tracker (pages and the run's own rate), not from Spectre's task speed.
/// </summary>
internal sealed class IngestLineColumn(IngestProgressTracker tracker) : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(options);
        var line = IngestProgressText.Terminal(tracker.Snapshot(), options.ConsoleSize.Width, options.Unicode);
        var markup = new StringBuilder();
        if (line.Name.Length > 0)
        {
            markup.Append(Markup.Escape(line.Name)).Append(' ');
        }
        if (line.BarWidth > 0)
        {
            // Done and left differ in shape too, for terminals without colour.
            markup.Append("[green]").Append(options.Unicode ? '━' : '#', line.BarDone).Append("[/]")
                .Append("[grey]").Append(options.Unicode ? '─' : '-', line.BarLeft).Append("[/] ");
        }
        markup.Append(Markup.Escape(line.Figures));
        return new Markup(markup.ToString());
    }
}
