using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Qdrant;

/// <summary>A chunk as a ranking side returned it: enough to group by page and to break ties.</summary>
internal sealed record RankedChunk(PointId Id, string DocumentId, int PageStart, int ChunkNo, double Score)
{
    public (string DocumentId, int PageStart) Page => (DocumentId, PageStart);
}

/// <summary>
/// The embedded index's ranking rules applied to Qdrant's answers (pure, so they can be tested): each side keeps
/// the best chunk of each page; hybrid fuses the pages by <see cref="ReciprocalRankFusion"/> (1 / (k + rank), rank
/// from 1, ties in order of first appearance, dense side first), the page shown by its first-seen chunk.
/// </summary>
internal static class QdrantRanking
{
    /// <summary>
    /// One side's points, best first. Qdrant orders equal scores arbitrarily (segments, shards), so ties are put in
    /// (document id, chunk number) order: the same query gives the same order every time.
    /// </summary>
    public static List<RankedChunk> Side(IEnumerable<ScoredPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.Select(p =>
            {
                var chunk = QdrantPointMapper.ToRanked(p.Payload);
                return new RankedChunk(p.Id, chunk.DocumentId, chunk.PageStart, chunk.ChunkNo, p.Score);
            })
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.DocumentId, StringComparer.Ordinal)
            .ThenBy(c => c.ChunkNo)
            .ToList();
    }

    /// <summary>The ranking with only the first (best) chunk of each starting page of each document.</summary>
    public static List<RankedChunk> BestPerPage(IEnumerable<RankedChunk> ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var seen = new HashSet<(string, int)>();
        return ranking.Where(c => seen.Add(c.Page)).ToList();
    }

    /// <summary>
    /// The final ranking of the plan's sides (in the plan's order), at most <see cref="QdrantSearchPlan.Limit"/> chunks,
    /// each with its score: the side's own score, or the fused RRF score in hybrid mode.
    /// </summary>
    public static List<(RankedChunk Chunk, double Score)> Rank(QdrantSearchPlan plan, IReadOnlyList<IReadOnlyList<RankedChunk>> sides)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sides);
        var pages = sides.Select(BestPerPage).ToList();
        if (!plan.Fuse)
        {
            return pages.Single().Take(plan.Limit).Select(c => (c, c.Score)).ToList();
        }
        var representative = new Dictionary<(string, int), RankedChunk>();
        foreach (var chunk in pages.SelectMany(p => p))
        {
            representative.TryAdd(chunk.Page, chunk);
        }
        var fused = ReciprocalRankFusion.Fuse(plan.RrfK, pages.Select(p => (IReadOnlyList<(string, int)>)p.Select(c => c.Page).ToList()).ToArray());
        return fused.Take(plan.Limit).Select(f => (representative[f.Item], f.Score)).ToList();
    }
}
