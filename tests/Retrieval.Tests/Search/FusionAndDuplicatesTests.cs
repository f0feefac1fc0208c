using Meditron.Retrieval;

namespace Meditron.Retrieval.Tests.Search;

public sealed class FusionAndDuplicatesTests
{
    [Fact]
    public void Rrf_ranks_an_item_good_on_both_sides_above_one_best_on_a_single_side()
    {
        var fused = ReciprocalRankFusion.Fuse(60, ["a", "b", "c"], ["c", "d", "b"]);
        // b: 1/62 + 1/63, c: 1/63 + 1/61, a: 1/61 alone.
        Assert.Equal(["c", "b", "a", "d"], fused.Select(f => f.Item));
        Assert.Equal(1.0 / 63 + 1.0 / 61, fused[0].Score, 12);
    }

    [Fact]
    public void Rrf_with_one_ranking_keeps_its_order()
    {
        Assert.Equal([3, 1, 2], ReciprocalRankFusion.Fuse(60, new[] { 3, 1, 2 }).Select(f => f.Item));
    }

    [Fact]
    public void Near_duplicates_of_a_better_passage_are_dropped_and_distinct_ones_kept()
    {
        string[] ranked =
        [
            "Give amoxicillin 40 mg/kg twice daily for 5 days.",
            "Give amoxicillin 40 mg/kg twice daily for 5 days!",
            "Refer urgently to hospital if the child cannot drink.",
        ];
        var kept = NearDuplicates.Remove(ranked, t => t, 0.9);
        Assert.Equal([ranked[0], ranked[2]], kept);
    }
}
