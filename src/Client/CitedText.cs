using System.Globalization;
using System.Text;
using Meditron.Client.Models;

namespace Meditron.Client;

/// <summary>
/// Answers and passages as text a model reads and passes on: the answer with its [n] markers, then a Sources list
/// (title, edition, page, link), so that the citations survive into the bot's reply.
/// </summary>
public static class CitedText
{
    public static string Answer(GuidelineAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Abstained)
        {
            return answer.Answer + "\n\n(The guidelines do not cover this question; nothing is cited.)";
        }
        var text = new StringBuilder(answer.Answer).Append("\n\nSources:");
        foreach (var c in answer.Citations)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[{c.N}] {Source(c.Title, c.Edition, c.Page, c.PageLabel)}: \"{c.Quote}\"{Link(c.Url)}");
        }
        return text.ToString();
    }

    public static string Passages(SearchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Results.Count == 0)
        {
            return "No guideline passage matches this query.";
        }
        var text = new StringBuilder();
        foreach (var p in results.Results)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{p.Rank}] {Source(p.Title, p.Edition, p.Page, p.PageLabel)}{(p.Current ? "" : " (superseded edition)")}{Link(p.Url)}\n{p.Text}\n\n");
        }
        return text.ToString().TrimEnd();
    }

    private static string Source(string title, string edition, int page, string? pageLabel) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{title}, edition {edition}, page {page}{(pageLabel is { Length: > 0 } label && label != page.ToString(CultureInfo.InvariantCulture) ? $" (printed {label})" : "")}");

    private static string Link(string? url) => url is null ? "" : " " + url;
}
