using System.Globalization;
using System.Text;
using Meditron.Core.Generation;

namespace Meditron.Api.Integrations.OpenAi;

/// <summary>
/// The message text a chat user reads: the checked answer with its [n] markers, then a "Sources" list (one line per
/// citation: title, edition, page, link). An abstention is its own text ("The available guidelines do not cover this
/// question.") with no sources.
/// </summary>
public static class ChatContent
{
    public static string Of(CitedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Answer + Sources(answer);
    }

    /// <summary>"\n\nSources:\n[1] ..." ; empty when the answer cites nothing.</summary>
    public static string Sources(CitedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Citations.Count == 0)
        {
            return "";
        }
        var text = new StringBuilder("\n\nSources:");
        foreach (var c in answer.Citations)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[{c.N}] {c.Title}, edition {c.Edition}, {Page(c)}");
            if (c.Url is { Length: > 0 } url)
            {
                text.Append(" - ").Append(url);
            }
        }
        return text.ToString();
    }

    /// <summary>The printed page number where there is one (what a paper copy shows), with the PDF page when they differ.</summary>
    private static string Page(Citation c) =>
        c.PageLabel is { Length: > 0 } label && label != c.Page.ToString(CultureInfo.InvariantCulture)
            ? $"page {label} (PDF page {c.Page})"
            : $"page {c.Page}";
}
