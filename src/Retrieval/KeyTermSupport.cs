using Meditron.Core.Retrieval;
using Meditron.Retrieval.Analysis;

namespace Meditron.Retrieval;

/// <summary>
/// The lexical abstention signal: how much of a question's subject the evidence names. Each key term of the question
/// weighs its rarity in the corpus (BM25's inverse document frequency), so "praziquantel" outweighs "child"; the
/// support is the weighted share of key terms that the evidence passages (their text, section path and title) hold,
/// matched as BM25 matches (English, French and Spanish stems). 1 when the question has no key term.
/// </summary>
public static class KeyTermSupport
{
    /// <param name="counts">The question's key terms with the number of chunks holding each (0: never indexed).</param>
    /// <param name="chunks">How many chunks the index holds.</param>
    /// <param name="evidence">The passages the answer would be drawn from.</param>
    public static double Of(IReadOnlyDictionary<string, long> counts, long chunks, IReadOnlyList<SearchResult> evidence)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(evidence);
        if (counts.Count == 0)
        {
            return 1;
        }
        var held = EvidenceTerms(evidence);
        double total = 0, supported = 0;
        foreach (var (word, count) in counts)
        {
            double weight = InverseDocumentFrequency(count, chunks);
            total += weight;
            supported += Bm25Terms.QueryTerms(word).Any(held.Contains) ? weight : 0;
        }
        return total == 0 ? 1 : Math.Round(supported / total, 4);
    }

    /// <summary>BM25's idf, never negative: ln(1 + (N − n + 0.5) / (n + 0.5)).</summary>
    public static double InverseDocumentFrequency(long count, long chunks)
    {
        double n = Math.Clamp(count, 0, Math.Max(chunks, count));
        return Math.Log(1 + (Math.Max(chunks, count) - n + 0.5) / (n + 0.5));
    }

    private static HashSet<string> EvidenceTerms(IReadOnlyList<SearchResult> evidence)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var passage in evidence)
        {
            var text = passage.Title + "\n" + passage.Section + "\n" + passage.Text;
            foreach (var language in TextAnalyzer.Languages)
            {
                terms.UnionWith(Bm25Terms.DocumentTerms(text, language));
            }
        }
        return terms;
    }
}
