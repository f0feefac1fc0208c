using Meditron.Generation.Citations;

namespace Meditron.Generation.Extractive;

/// <summary>
/// Stacks of label lines inside a sentence's span: two or more lines in a row of one or two words each, without closing
/// punctuation or a list mark ("Date 1 / Date 2 / Interval / Indicator" under a form's row, "Y / N" beside a flowchart's
/// box, "Fruits and / vegetables" set as a heading over two lines). They belong to a form, table or chart drawn around
/// the text, not to the sentence, which the sentence splitter cannot see without punctuation: a stack ends the sentence
/// before it, and the text after the last stack is read as a sentence of its own. Text between two stacks is a cell of
/// the same form or chart ("Date of last contact / Day of Follow-up" between a form's labels and its day numbers).
/// </summary>
internal static class LabelStacks
{
    /// <summary>Lines a stack has at least: one short line alone is a sentence's own line break.</summary>
    public const int MinLines = 2;

    /// <summary>Words a label line has at most.</summary>
    public const int MaxWords = 2;

    /// <summary>The pieces of <paramref name="span"/> before its first label stack and after its last (start and length in the span), whitespace trimmed; the whole span when it has none.</summary>
    public static IEnumerable<(int Start, int Length)> Pieces(string span)
    {
        ArgumentNullException.ThrowIfNull(span);
        var lines = TableRows.Lines(span);
        var pieceStart = 0;
        var afterStack = false;
        var i = 0;
        while (i < lines.Count)
        {
            var j = i;
            while (j < lines.Count && IsLabel(lines[j].Text))
            {
                j++;
            }
            // A sentence that runs on in lower case after the short lines was wrapped in a narrow column ("Give amoxicillin by
            // mouth / twice daily / at home / for 5 days …"): its lines are not labels.
            if (j - i >= MinLines && !(j < lines.Count && ContinuesInLowerCase(lines[j].Text)))
            {
                if (!afterStack && Trimmed(span, pieceStart, lines[i].Start) is { Length: > 0 } before)
                {
                    yield return before;
                }
                afterStack = true;
                pieceStart = lines[j - 1].Start + lines[j - 1].Text.Length;
                i = j;
            }
            else
            {
                i = j + 1;
            }
        }
        if (Trimmed(span, pieceStart, span.Length) is { Length: > 0 } rest)
        {
            yield return rest;
        }
    }

    private static bool IsLabel(string line)
    {
        var text = line.Trim();
        return text.Length > 0
            && TextFolding.CountWords(text) <= MaxWords
            && text[^1] is not ('.' or ':' or '?' or '!' or ';' or ',')
            && !SentenceSplitter.StartsListItem(text);
    }

    private static bool ContinuesInLowerCase(string line) =>
        line.TrimStart() is { Length: > 0 } text && char.IsLower(text[0]);

    private static (int Start, int Length) Trimmed(string span, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(span[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(span[end - 1]))
        {
            end--;
        }
        return (start, end - start);
    }
}
