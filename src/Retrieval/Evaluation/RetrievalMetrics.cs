namespace Meditron.Retrieval.Evaluation;

/// <summary>
/// Ranking metrics over one question's results. A result is a hit when its file equals a gold file
/// and its page span [page, pageEnd] contains one of that file's gold pages.
/// </summary>
public static class RetrievalMetrics
{
    public static bool IsHit(EvalQuestion question, string file, int page, int pageEnd)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Gold.Any(g => string.Equals(g.File, file, StringComparison.Ordinal) && g.Pages.Any(p => p >= page && p <= pageEnd));
    }

    /// <summary>1 when a hit is among the first k results.</summary>
    public static double RecallAt(IReadOnlyList<bool> hits, int k) => hits.Take(k).Any(h => h) ? 1 : 0;

    public static double ReciprocalRankAt(IReadOnlyList<bool> hits, int k)
    {
        for (int i = 0; i < Math.Min(k, hits.Count); i++)
        {
            if (hits[i])
            {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /// <summary>Binary-relevance nDCG@k; the ideal ranking has min(k, gold page count) hits on top.</summary>
    public static double NdcgAt(IReadOnlyList<bool> hits, int k, int goldPages)
    {
        double dcg = 0;
        for (int i = 0; i < Math.Min(k, hits.Count); i++)
        {
            dcg += hits[i] ? 1 / Math.Log2(i + 2) : 0;
        }
        double ideal = 0;
        for (int i = 0; i < Math.Min(k, Math.Max(1, goldPages)); i++)
        {
            ideal += 1 / Math.Log2(i + 2);
        }
        return dcg / ideal;
    }

    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToArray();
        double position = percentile / 100 * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = (int)Math.Ceiling(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
