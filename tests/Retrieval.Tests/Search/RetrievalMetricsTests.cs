using Meditron.Retrieval.Evaluation;

namespace Meditron.Retrieval.Tests.Search;

public sealed class RetrievalMetricsTests
{
    private static readonly EvalQuestion Question = new()
    {
        Id = "q1",
        Question = "?",
        Gold = [new GoldPages("book.pdf", [71, 72])],
    };

    [Theory]
    [InlineData("book.pdf", 70, 71, true)]
    [InlineData("book.pdf", 72, 72, true)]
    [InlineData("book.pdf", 73, 75, false)]
    [InlineData("other.pdf", 71, 71, false)]
    public void A_hit_is_a_gold_file_whose_page_span_meets_a_gold_page(string file, int page, int pageEnd, bool hit) =>
        Assert.Equal(hit, RetrievalMetrics.IsHit(Question, file, page, pageEnd));

    [Fact]
    public void Recall_mrr_and_ndcg_follow_the_first_hit()
    {
        bool[] hits = [false, false, true, false];
        Assert.Equal(0, RetrievalMetrics.RecallAt(hits, 2));
        Assert.Equal(1, RetrievalMetrics.RecallAt(hits, 5));
        Assert.Equal(1.0 / 3, RetrievalMetrics.ReciprocalRankAt(hits, 10), 12);
        Assert.Equal((1 / Math.Log2(4)) / (1 + 1 / Math.Log2(3)), RetrievalMetrics.NdcgAt(hits, 10, goldPages: 2), 12);
    }

    [Fact]
    public void Questions_without_gold_are_not_answerable() =>
        Assert.False(new EvalQuestion { Id = "q", Question = "?" }.Answerable);

    [Fact]
    public void Percentiles_interpolate() =>
        Assert.Equal(2.5, RetrievalMetrics.Percentile([1, 2, 3, 4], 50), 12);
}
