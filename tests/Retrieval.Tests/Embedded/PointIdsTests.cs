using Meditron.Retrieval.Embedded;

namespace Meditron.Retrieval.Tests.Embedded;

public sealed class PointIdsTests
{
    [Fact]
    public void Same_inputs_give_the_same_id()
    {
        Assert.Equal(PointIds.For("doc-1", "2025-08-13", 7), PointIds.For("doc-1", "2025-08-13", 7));
    }

    [Fact]
    public void Each_part_changes_the_id()
    {
        var ids = new[]
        {
            PointIds.For("doc-1", "2025", 0),
            PointIds.For("doc-1", "2025", 1),
            PointIds.For("doc-2", "2025", 0),
            PointIds.For("doc-1", "2023", 0),
            // Concatenation ambiguity: "ab"+"c" vs "a"+"bc".
            PointIds.For("ab", "c", 0),
            PointIds.For("a", "bc", 0),
        };
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Id_is_an_RFC_9562_version_8_uuid()
    {
        string text = PointIds.For("doc-1", "2ed", 3).ToString();
        Assert.Equal('8', text[14]);
        Assert.Contains(text[19], "89ab");
    }

    [Fact]
    public void Id_is_stable_across_releases()
    {
        // Changing the derivation would orphan every point already in an index.
        // Value computed independently: first 16 bytes of SHA-256("meditron/point/v1" | be32 len | id | be32 len | edition | be32 chunkNo).
        Assert.Equal(Guid.Parse("838de868-2801-8fa2-86ce-0143a13f4f0b"), PointIds.For("doc-1", "2025-08-13", 0));
    }
}
