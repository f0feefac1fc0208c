using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Meditron.Retrieval.Analysis;

/// <summary>
/// BM25 terms for a text: Lucene's English, French and Spanish analyzers (tokenising, lower case,
/// elision, stop words, stemming). Documents are analysed in their own language; a query, whose
/// language is not known, with every supported analyzer, its terms merged.
/// </summary>
public static partial class TextAnalyzer
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly Dictionary<string, Analyzer> Analyzers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new EnglishAnalyzer(Version),
        ["fr"] = new FrenchAnalyzer(Version),
        ["es"] = new SpanishAnalyzer(Version),
    };

    public static IReadOnlyCollection<string> Languages => Analyzers.Keys;

    /// <summary>The terms of a document text, in order, with repeats (term frequencies matter).</summary>
    public static List<string> DocumentTerms(string text, string? language) =>
        Terms(Analyzers.GetValueOrDefault(language ?? "en") ?? Analyzers["en"], text);

    /// <summary>
    /// The distinct terms of a query under every supported language. A word that is a stop word in
    /// any of them is dropped first, so that "the" does not survive as a French term.
    /// </summary>
    public static IReadOnlyList<string> QueryTerms(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string content = string.Join(' ', WordSplitter().Split(query).Where(w => w.Length > 0 && !IsStopWord(w)));
        return Analyzers.Values.SelectMany(a => Terms(a, content)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool IsStopWord(string word)
    {
        string lower = word.ToLowerInvariant();
        return StopSets.Any(s => s.Contains(lower));
    }

    private static readonly CharArraySet[] StopSets =
        [EnglishAnalyzer.DefaultStopSet, FrenchAnalyzer.DefaultStopSet, SpanishAnalyzer.DefaultStopSet];

    [GeneratedRegex(@"[^\p{L}\p{N}'.,/-]+")]
    private static partial Regex WordSplitter();

    private static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }
}
