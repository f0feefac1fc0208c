using Meditron.Core.Retrieval;
using Meditron.Retrieval.Qdrant;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Tests.Qdrant;

public sealed class QdrantRankingTests
{
    private static ScoredPoint Point(string document, int page, int chunkNo, float score)
    {
        var point = new ScoredPoint { Id = new PointId { Num = (ulong)(document.GetHashCode(StringComparison.Ordinal) & 0xffff) * 1000 + (ulong)chunkNo }, Score = score };
        point.Payload[QdrantPayload.DocumentId] = document;
        point.Payload[QdrantPayload.PageStart] = (long)page;
        point.Payload[QdrantPayload.ChunkNo] = (long)chunkNo;
        return point;
    }

    private static QdrantSearchPlan Plan(SearchMode mode, int limit = 10, int k = 10) =>
        QdrantSearchPlan.For(new IndexQuery("malaria", mode == SearchMode.Bm25 ? null : [1f, 0f, 0f, 0f], mode, limit, new IndexFilter(), RrfK: k), new QdrantOptions { Dimension = 4 })!;

    [Fact]
    public void Equal_scores_are_ordered_by_document_then_chunk_whatever_order_qdrant_sent()
    {
        var side = QdrantRanking.Side([Point("b", 1, 0, 0.5f), Point("a", 2, 3, 0.5f), Point("c", 1, 0, 0.9f), Point("a", 1, 1, 0.5f)]);

        Assert.Equal([("c", 0), ("a", 1), ("a", 3), ("b", 0)], side.Select(c => (c.DocumentId, c.ChunkNo)));
    }

    [Fact]
    public void Each_page_keeps_its_best_chunk()
    {
        var side = QdrantRanking.Side([Point("a", 1, 0, 0.9f), Point("a", 1, 1, 0.8f), Point("a", 2, 2, 0.7f), Point("b", 1, 0, 0.6f), Point("a", 2, 3, 0.95f)]);

        var pages = QdrantRanking.BestPerPage(side);

        Assert.Equal([("a", 3), ("a", 0), ("b", 0)], pages.Select(c => (c.DocumentId, c.ChunkNo)));
    }

    [Fact]
    public void A_single_side_keeps_its_own_scores_and_the_limit()
    {
        var plan = Plan(SearchMode.Dense, limit: 2);
        var dense = QdrantRanking.Side([Point("a", 1, 0, 0.9f), Point("a", 1, 1, 0.85f), Point("a", 2, 2, 0.7f), Point("b", 1, 0, 0.6f)]);

        var ranked = QdrantRanking.Rank(plan, [dense]);

        Assert.Equal([("a", 0, 0.9), ("a", 2, 0.7)], ranked.Select(r => (r.Chunk.DocumentId, r.Chunk.ChunkNo, Math.Round(r.Score, 2))));
    }

    [Fact]
    public void Hybrid_fuses_pages_as_the_embedded_index_does()
    {
        var plan = Plan(SearchMode.Hybrid, k: 10);
        // Dense: pages a1 (chunk 0), b1, a2. Sparse: a2, a1 (chunk 1, another chunk of the page dense saw first), c1.
        var dense = QdrantRanking.Side([Point("a", 1, 0, 0.9f), Point("a", 1, 1, 0.88f), Point("b", 1, 0, 0.8f), Point("a", 2, 2, 0.7f)]);
        var sparse = QdrantRanking.Side([Point("a", 2, 2, 7f), Point("a", 1, 1, 6f), Point("a", 1, 0, 5f), Point("c", 1, 0, 4f)]);

        var ranked = QdrantRanking.Rank(plan, [dense, sparse]);

        var pages = new[] { ("a", 1), ("b", 1), ("a", 2) }.ToList();
        var expected = ReciprocalRankFusion.Fuse(10, (IReadOnlyList<(string, int)>)pages, [("a", 2), ("a", 1), ("c", 1)]);
        Assert.Equal(expected.Select(e => e.Item), ranked.Select(r => r.Chunk.Page));
        Assert.Equal(expected.Select(e => e.Score), ranked.Select(r => r.Score));
        // The page is shown by the chunk the dense side found first.
        Assert.Equal(0, ranked.Single(r => r.Chunk.Page == ("a", 1)).Chunk.ChunkNo);
        Assert.Equal(1.0 / 11 + 1.0 / 12, ranked[0].Score, 10);
    }

    [Fact]
    public void Fused_ties_keep_the_order_of_first_appearance_dense_first()
    {
        var plan = Plan(SearchMode.Hybrid);
        var dense = QdrantRanking.Side([Point("x", 1, 0, 0.9f)]);
        var sparse = QdrantRanking.Side([Point("y", 1, 0, 3f)]);

        var ranked = QdrantRanking.Rank(plan, [dense, sparse]);

        Assert.Equal(["x", "y"], ranked.Select(r => r.Chunk.DocumentId));
        Assert.Equal(ranked[0].Score, ranked[1].Score);
    }

    [Fact]
    public void Hybrid_with_one_side_stays_on_the_rrf_scale()
    {
        var plan = QdrantSearchPlan.For(new IndexQuery("malaria", null, SearchMode.Hybrid, 5, new IndexFilter(), RrfK: 10), new QdrantOptions { Dimension = 4 })!;

        var ranked = QdrantRanking.Rank(plan, [QdrantRanking.Side([Point("a", 1, 0, 12f), Point("b", 1, 0, 3f)])]);

        Assert.Equal([1.0 / 11, 1.0 / 12], ranked.Select(r => r.Score));
    }
}
