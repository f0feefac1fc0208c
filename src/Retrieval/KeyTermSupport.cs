using Meditron.Core.Retrieval;
using Meditron.Retrieval.Analysis;

namespace Meditron.Retrieval;

/// <summary>
/// The lexical abstention signal: how much of a question's subject the evidence names. Each key term of the question
/// weighs its rarity in the corpus (BM25's inverse document frequency), so "praziquantel" outweighs "child"; the
/// support is the weighted share of key terms that the evidence passages (their text, section path and title) hold,
/// matched as BM25 matches (English, French and Spanish stems). 1 when the question has no key term.
/// </summary>
public sealed class KeyTermSupport
{
    /// <summary>Each key term's stems (as a query is analysed) and its weight, worked out once per question.</summary>
    private readonly List<(IReadOnlyList<string> Stems, double Weight)> _terms;

    /// <param name="counts">The question's key terms with the number of chunks holding each (0: never indexed).</param>
    /// <param name="chunks">How many chunks the index holds.</param>
    public KeyTermSupport(IReadOnlyDictionary<string, long> counts, long chunks)
    {
        ArgumentNullException.ThrowIfNull(counts);
        _terms = counts.Select(c => (Bm25Terms.QueryTerms(c.Key), InverseDocumentFrequency(c.Value, chunks))).ToList();
    }

    /// <summary>The support of the passages the answer would be drawn from (their text, section path and title).</summary>
    public double Of(IReadOnlyList<SearchResult> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Share(Terms(evidence.Select(p => p.Title + "\n" + p.Section + "\n" + p.Text)));
    }

    /// <summary>
    /// The weighted share of the key terms that one passage's section path names: whether the passage is about the
    /// question's subject ("Nephrotic syndrome" for a question on nephrotic syndrome), not merely mentions its words.
    /// 0 when the question has no key term.
    /// </summary>
    public double OfSection(string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return _terms.Count == 0 ? 0 : Share(Terms([section]));
    }

    private double Share(HashSet<string> held)
    {
        double total = _terms.Sum(t => t.Weight);
        double supported = _terms.Where(t => t.Stems.Any(held.Contains)).Sum(t => t.Weight);
        return total == 0 ? 1 : Math.Round(supported / total, 4);
    }

    /// <summary>BM25's idf, never negative: ln(1 + (N − n + 0.5) / (n + 0.5)).</summary>
    public static double InverseDocumentFrequency(long count, long chunks)
    {
        long n = Math.Max(0, count);
        long all = Math.Max(chunks, n); // counts may run ahead of the registry's totals while a document is indexed
        return Math.Log(1 + (all - n + 0.5) / (n + 0.5));
    }

    /// <summary>The stems of the texts in every supported language (a passage's language is not known here).</summary>
    private static HashSet<string> Terms(IEnumerable<string> texts)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var language in TextAnalyzer.Languages)
            {
                terms.UnionWith(Bm25Terms.DocumentTerms(text, language));
            }
        }
        return terms;
    }
}
