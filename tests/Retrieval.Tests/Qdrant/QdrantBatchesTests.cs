using Meditron.Core.Documents;
using Meditron.Retrieval.Qdrant;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Tests.Qdrant;

public sealed class QdrantBatchesTests
{
    private static List<PointStruct> Points(int count, int textLength = 100) =>
        Enumerable.Range(0, count).Select(i => QdrantPointMapper.ToPoint(
            QdrantTestData.Source(),
            new EmbeddedChunk(QdrantTestData.Chunk(chunkNo: i) with { Text = new string('a', textLength) }, QdrantTestData.Vector(seed: i)),
            "dense",
            "bm25")).ToList();

    [Fact]
    public void Batches_stop_at_the_count()
    {
        var batches = QdrantBatches.Split(Points(10), maxCount: 4, maxBytes: long.MaxValue).ToList();

        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
    }

    [Fact]
    public void Batches_stop_at_the_byte_budget()
    {
        var points = Points(10);
        long one = QdrantBatches.SizeOf(points[0]);

        var batches = QdrantBatches.Split(points, maxCount: 100, maxBytes: one * 3 + one / 2).ToList();

        Assert.Equal([3, 3, 3, 1], batches.Select(b => b.Count));
        Assert.All(batches, b => Assert.True(b.Sum(QdrantBatches.SizeOf) <= one * 3 + one / 2));
    }

    [Fact]
    public void Batches_keep_every_point_once_in_order()
    {
        var points = Points(25);

        var batches = QdrantBatches.Split(points, maxCount: 7, maxBytes: QdrantBatches.SizeOf(points[0]) * 5).ToList();

        Assert.Equal(points, batches.SelectMany(b => b));
    }

    [Fact]
    public void A_point_over_the_budget_goes_alone()
    {
        var points = Points(1, textLength: 10).Concat(Points(1, textLength: 50_000)).Concat(Points(1, textLength: 10)).ToList();

        var batches = QdrantBatches.Split(points, maxCount: 100, maxBytes: 20_000).ToList();

        Assert.Equal([1, 1, 1], batches.Select(b => b.Count));
    }

    [Fact]
    public void The_estimate_covers_the_serialized_request()
    {
        var points = Points(50);

        var request = QdrantWrites.Upsert("guidelines", points);

        long estimate = points.Sum(QdrantBatches.SizeOf);
        Assert.InRange(request.CalculateSize(), estimate - 200, estimate + 200);
    }

    [Fact]
    public void The_default_budget_fits_a_proxy_and_a_usual_batch()
    {
        var options = new QdrantOptions();
        var points = Points(options.UpsertBatchSize, textLength: 1500);

        var batches = QdrantBatches.Split(points, options.UpsertBatchSize, options.UpsertBatchBytes).ToList();

        Assert.Single(batches);
        Assert.True(options.UpsertBatchBytes <= 8 * 1024 * 1024);
    }

    [Fact]
    public void Upserts_are_waited_and_strongly_ordered()
    {
        var request = QdrantWrites.Upsert("guidelines", Points(2));

        Assert.True(request.Wait);
        Assert.Equal(WriteOrderingType.Strong, request.Ordering.Type);
        Assert.Equal("guidelines", request.CollectionName);
        Assert.Equal(2, request.Points.Count);
    }
}
