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
    /// The distinct terms of a query. Its language is guessed from its stop words; when the guess is
    /// clear only that language's analyzer runs, else every analyzer does, after dropping words that
    /// are stop words in any language (so that "the" does not survive as a French term).
    /// </summary>
    public static IReadOnlyList<string> QueryTerms(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = WordSplitter().Split(query).Where(w => w.Length > 0).ToList();
        if (GuessLanguage(words) is string language)
        {
            return Terms(Analyzers[language], string.Join(' ', words)).Distinct(StringComparer.Ordinal).ToList();
        }
        string content = string.Join(' ', words.Where(w => !StopSets.Values.Any(s => s.Contains(w.ToLowerInvariant()))));
        return Analyzers.Values.SelectMany(a => Terms(a, content)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The language whose stop words the text uses most, when one leads by at least two; else null.</summary>
    public static string? GuessLanguage(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var counts = StopSets.ToDictionary(s => s.Key, s => words.Count(w => s.Value.Contains(w.ToLowerInvariant())));
        var ranked = counts.OrderByDescending(c => c.Value).ToList();
        return ranked[0].Value >= ranked[1].Value + 2 ? ranked[0].Key : null;
    }

    private static readonly Dictionary<string, CharArraySet> StopSets = new(StringComparer.Ordinal)
    {
        ["en"] = EnglishAnalyzer.DefaultStopSet,
        ["fr"] = FrenchAnalyzer.DefaultStopSet,
        ["es"] = SpanishAnalyzer.DefaultStopSet,
    };

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
