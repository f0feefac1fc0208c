using System.Text;
using Meditron.Core.Documents;

namespace Meditron.Retrieval.Analysis;

/// <summary>
/// Turns analysed terms into what SQLite FTS5 stores and matches: space-separated, with any
/// character inside a term that is not a letter or digit folded to '_' (so "12.5" stays one term).
/// </summary>
public static class Bm25Terms
{
    /// <summary>
    /// The text BM25 matches a chunk on, in every index (FTS5 here, Qdrant's sparse vector): its
    /// document's title and section path (context), and its text.
    /// </summary>
    public static string MatchedText(Chunk chunk, string title)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return title + "\n" + chunk.Section + "\n" + chunk.Text;
    }

    /// <summary>The FTS5 terms of a chunk: the analysed <see cref="MatchedText"/> in the chunk's language.</summary>
    public static string ForChunk(Chunk chunk, string title = "") =>
        string.Join(' ', DocumentTerms(MatchedText(chunk, title), chunk.Language));

    /// <summary>The FTS5 terms of a text analysed in <paramref name="language"/>, in order, with repeats.</summary>
    public static IEnumerable<string> DocumentTerms(string text, string? language) =>
        TextAnalyzer.DocumentTerms(text, language).Select(Fold);

    /// <summary>The FTS5 terms of a query, distinct.</summary>
    public static IReadOnlyList<string> QueryTerms(string query) =>
        TextAnalyzer.QueryTerms(query).Select(Fold).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>An FTS5 MATCH expression: any of the query's terms; null when it has none.</summary>
    public static string? MatchExpression(string query)
    {
        var terms = QueryTerms(query);
        return terms.Count == 0 ? null : string.Join(" OR ", terms.Select(t => $"\"{t}\""));
    }

    private static string Fold(string term)
    {
        var folded = new StringBuilder(term.Length);
        foreach (char c in term)
        {
            folded.Append(char.IsLetterOrDigit(c) ? c : '_');
        }
        return folded.ToString();
    }
}
