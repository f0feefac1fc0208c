using System.Text;
using System.Text.RegularExpressions;
using Meditron.Core.Generation;

namespace Meditron.Api.Integrations.CdsHooks;

/// <summary>
/// A card from a cited answer: the summary (one sentence), the indicator (warning when a drafted dose is outside the
/// range the cited guideline states, see <see cref="DoseRange"/>), the answer and its quoted passages in markdown, and
/// the first citation as the source (title, edition, page, and the link to that page).
/// </summary>
public static partial class GuidelineCards
{
    /// <summary>CDS Hooks: "one-sentence, &lt;140-character summary".</summary>
    public const int MaxSummaryLength = 140;

    /// <summary>No card when the guidelines are silent: an abstention, or an answer that cites nothing.</summary>
    public static CdsCard? From(GuidelineQuestion question, CitedAnswer answer, string patient)
    {
        if (answer.Abstained || answer.Citations.Count == 0)
        {
            return null;
        }
        var first = answer.Citations[0];
        var medication = question.Medication;
        var range = medication is null ? null : DoseRange.Find(answer.Citations.Select(c => c.Quote), medication);
        bool outside = range is not null && medication!.Dose is { } dose && range.Excludes(dose);
        string summary = outside
            ? $"{Capitalised(medication!.Name)} {medication.DoseText} is outside the guideline's {range} ({Label(first)})"
            : $"{Capitalised(question.Topic)}: {FirstSentence(answer.Answer)}";
        return new CdsCard
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = Shortened(summary),
            Indicator = outside ? "warning" : "info",
            Detail = Detail(question, answer, patient, range, outside),
            Source = new CdsSource { Label = Label(first), Url = first.Url },
        };
    }

    /// <summary>"Pneumonia in children, 2024 edition, page 1" (the printed page number where one was read).</summary>
    public static string Label(Citation citation) =>
        $"{citation.Title}, {citation.Edition} edition, page {citation.PageLabel ?? citation.Page.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private static string Detail(GuidelineQuestion question, CitedAnswer answer, string patient, DoseRange? range, bool outside)
    {
        var markdown = new StringBuilder();
        markdown.Append(CultureInvariant($"**{Capitalised(question.Topic)}** for {patient}, from the guidelines:\n\n"));
        markdown.Append(answer.Answer.Trim()).Append("\n\n");
        foreach (var citation in answer.Citations)
        {
            markdown.Append("> ").Append(citation.Quote.ReplaceLineEndings(" ").Trim()).Append("\n>\n> — ")
                .Append(CultureInvariant($"[{citation.N}] *{citation.Title}*, {citation.Edition} edition, page {citation.PageLabel ?? citation.Page.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
            if (citation.Url is { } url)
            {
                markdown.Append(CultureInvariant($" ([open the page]({url}))"));
            }
            markdown.Append("\n\n");
        }
        if (question.Medication is { DoseText: { } drafted } medication)
        {
            string verdict = range is null ? "no dose range to compare with in the cited passages"
                : outside ? $"**outside** the cited range of {range}"
                : $"within the cited range of {range}";
            markdown.Append(CultureInvariant($"Dose ordered: {medication.Name} {drafted}{(medication.Route is { } route ? $", {route.ToLowerInvariant()}" : "")}: {verdict}.\n"));
        }
        return markdown.ToString().TrimEnd() + "\n";
    }

    /// <summary>The answer's first sentence without its [n] markers.</summary>
    private static string FirstSentence(string answer)
    {
        string plain = Whitespace().Replace(Markers().Replace(answer, ""), " ").Trim();
        int end = plain.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? plain[..(end + 1)] : plain;
    }

    private static string Shortened(string text) =>
        text.Length <= MaxSummaryLength ? text : text[..(MaxSummaryLength - 1)].TrimEnd() + "…";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex(@"\s*\[\d+\]")]
    private static partial Regex Markers();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
