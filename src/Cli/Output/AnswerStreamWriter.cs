using System.Text;
using Meditron.Core.Generation;
using Meditron.Generation;
using Spectre.Console;

namespace Meditron.Cli.Output;

/// <summary>
/// Shows an answer while it is written. On a terminal the draft grows in place and is replaced by the
/// checked answer when it is done (checking may drop uncited sentences and renumbers sources); elsewhere
/// the draft is printed as it comes and the checked answer follows it whenever checking changed it.
/// </summary>
internal static class AnswerStreamWriter
{
    public static async Task<CitedAnswer> WriteAsync(IAsyncEnumerable<AnswerEvent> events, CancellationToken cancellationToken)
    {
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await WriteLiveAsync(events, cancellationToken);
        }
        var draft = new StringBuilder();
        CitedAnswer? answer = null;
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            if (e is AnswerCompleted done)
            {
                answer = done.Answer;
            }
            else if (e is AnswerDelta delta)
            {
                Console.Write(delta.Text);
                draft.Append(delta.Text);
            }
        }
        if (draft.Length > 0)
        {
            Console.WriteLine();
        }
        var final = answer ?? throw new InvalidOperationException("The answer stream ended without a final answer.");
        AnswerConsole.WriteAfterDraft(final, draft.ToString());
        return final;
    }

    private static async Task<CitedAnswer> WriteLiveAsync(IAsyncEnumerable<AnswerEvent> events, CancellationToken cancellationToken)
    {
        CitedAnswer? answer = null;
        var draft = new StringBuilder();
        await AnsiConsole.Live(new Text(string.Empty)).StartAsync(async live =>
        {
            await foreach (var e in events.WithCancellation(cancellationToken))
            {
                if (e is AnswerCompleted done)
                {
                    answer = done.Answer;
                    live.UpdateTarget(new Text(string.Empty));
                }
                else if (e is AnswerDelta delta)
                {
                    draft.Append(delta.Text);
                    live.UpdateTarget(new Text(draft.ToString(), new Style(decoration: Decoration.Dim)));
                }
                live.Refresh();
            }
        });
        var final = answer ?? throw new InvalidOperationException("The answer stream ended without a final answer.");
        AnswerConsole.WriteAfterDraft(final, string.Empty);
        return final;
    }
}
