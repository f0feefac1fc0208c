using System.Globalization;
using System.Text;
using Meditron.Api.Contracts;
using Meditron.Core.Generation;

namespace Meditron.Api.Integrations.Mcp;

/// <summary>The text a model reads: the answer with its [n] markers and a Sources list, passages, guidelines.</summary>
internal static class McpText
{
    public static string Answer(CitedAnswer answer)
    {
        var text = new StringBuilder(answer.Answer);
        if (answer.Abstained)
        {
            // Said plainly, so that an agent does not fill the gap from elsewhere as if the guidelines said it.
            text.Append("\n\n(The guidelines do not cover this question; nothing is cited.)");
            return text.ToString();
        }
        text.Append("\n\nSources:");
        foreach (var c in answer.Citations)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[{c.N}] {Source(c.Title, c.Edition, c.Page, c.PageLabel)}: \"{c.Quote}\" {c.Url}");
        }
        return text.ToString();
    }

    public static string Passages(SearchResponse response)
    {
        if (response.Results.Count == 0)
        {
            return "No guideline passage matches this query.";
        }
        var text = new StringBuilder();
        foreach (var r in response.Results)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{r.Rank}] {Source(r.Title, r.Edition, r.Page, r.PageLabel)}{(r.Current ? "" : " (superseded)")} {r.Url}\n{r.Text}\n\n");
        }
        return text.ToString().TrimEnd();
    }

    public static string Guidelines(GuidelineList list)
    {
        if (list.Guidelines.Count == 0)
        {
            return "No guideline is loaded yet.";
        }
        var text = new StringBuilder();
        foreach (var g in list.Guidelines)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {g.Guideline}: {g.Title}, {g.Publisher}, edition {g.Edition}, {g.Language}, {g.Pages} pages\n");
        }
        return text.ToString().TrimEnd();
    }

    private static string Source(string title, string edition, int page, string? pageLabel) =>
        string.Create(CultureInfo.InvariantCulture, $"{title}, edition {edition}, page {page}{(pageLabel is { Length: > 0 } label && label != page.ToString(CultureInfo.InvariantCulture) ? $" (printed {label})" : "")}");
}
