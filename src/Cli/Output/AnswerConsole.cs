using System.Globalization;
using Meditron.Core.Generation;

namespace Meditron.Cli.Output;

/// <summary>How `meditron ask` shows an answer to a person: the checked answer, then its sources.</summary>
internal static class AnswerConsole
{
    /// <summary>
    /// Writes the checked answer after a streamed <paramref name="draft"/> (empty when nothing was streamed).
    /// The draft is unchecked, so whenever checking changed it the reader is told and sees the checked text.
    /// </summary>
    public static void WriteAfterDraft(CitedAnswer answer, string draft)
    {
        var streamed = draft.Trim();
        if (streamed.Length == 0)
        {
            Console.WriteLine(answer.Answer);
        }
        else if (answer.Abstained)
        {
            Console.WriteLine();
            Console.WriteLine($"Not passed ({answer.Reason}): {answer.Answer}");
        }
        else if (!string.Equals(streamed, answer.Answer.Trim(), StringComparison.Ordinal))
        {
            Console.WriteLine();
            Console.WriteLine("Checked answer (only cited sentences kept, sources renumbered):");
            Console.WriteLine(answer.Answer);
        }
        WriteSources(answer);
    }

    private static void WriteSources(CitedAnswer answer)
    {
        if (answer.Citations.Count == 0)
        {
            return;
        }
        Console.WriteLine();
        foreach (var c in answer.Citations)
        {
            Console.WriteLine($"[{c.N}] {c.Title}, {c.Publisher}, {c.Edition}, {Pages(c)}{(c.Section.Length > 0 ? " — " + c.Section : "")}");
        }
    }

    private static string Pages(Citation c)
    {
        var pages = c.PageEnd > c.Page
            ? string.Create(CultureInfo.InvariantCulture, $"pp. {c.Page}–{c.PageEnd}")
            : string.Create(CultureInfo.InvariantCulture, $"p. {c.Page}");
        return c.PageLabel is null ? pages : $"{pages} (printed {c.PageLabel})";
    }
}
