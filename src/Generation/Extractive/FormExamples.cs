using System.Text.RegularExpressions;
using Meditron.Generation.Citations;

namespace Meditron.Generation.Extractive;

/// <summary>
/// A form printed inside a page of guidance as an example ("EXAMPLE 5: TOP PART OF RECORDING FORM …"): its filled-in
/// fields ("Name: Fatima", "Weight: 11.5 kg", "Initial visit?") are not guidance. The example runs from its caption
/// to the next sentence of prose (one that ends in a full stop and is not a row of fields), or to the passage's end.
/// </summary>
internal static partial class FormExamples
{
    /// <summary>Where each example form of a passage starts and ends.</summary>
    public static IReadOnlyList<(int Start, int End)> Find(string passage)
    {
        var spans = new List<(int Start, int End)>();
        int? open = null;
        foreach (var (text, lineStart) in TableRows.Lines(passage))
        {
            var line = TextFolding.CollapseWhitespace(text);
            if (open is null && AnswerUnits.IsCaption(line) && FormWordRegex().IsMatch(TextFolding.Fold(line)))
            {
                open = lineStart;
            }
            else if (open is not null && IsProse(line))
            {
                spans.Add((open.Value, lineStart));
                open = null;
            }
        }
        if (open is not null)
        {
            spans.Add((open.Value, passage.Length));
        }
        return spans;
    }

    private static bool IsProse(string line) =>
        line.TrimEnd().EndsWith('.') && TextFolding.CountWords(line) >= AnswerUnits.MinWords && !AnswerUnits.IsFormFields(line);

    [GeneratedRegex(@"\b(forms?|formulaires?|formularios?|templates?|questionnaires?|checklists?|recording\s+sheets?|line\s+lists?|registers?)\b")]
    private static partial Regex FormWordRegex();
}
