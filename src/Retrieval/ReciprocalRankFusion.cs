namespace Meditron.Retrieval;

/// <summary>Reciprocal-rank fusion: each ranking gives an item 1 / (k + rank), rank from 1; sums rank the items.</summary>
public static class ReciprocalRankFusion
{
    public static List<(T Item, double Score)> Fuse<T>(int k, params IReadOnlyList<T>[] rankings)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(rankings);
        var scores = new Dictionary<T, double>();
        foreach (var ranking in rankings)
        {
            for (int i = 0; i < ranking.Count; i++)
            {
                scores[ranking[i]] = scores.GetValueOrDefault(ranking[i]) + 1.0 / (k + i + 1);
            }
        }
        // Ties keep the order of first appearance (earlier rankings first), so results are stable.
        var order = rankings.SelectMany(r => r).Distinct().Select((item, index) => (item, index)).ToDictionary(x => x.item, x => x.index);
        return scores.OrderByDescending(s => s.Value).ThenBy(s => order[s.Key]).Select(s => (s.Key, s.Value)).ToList();
    }
}
