using Meditron.Core.Retrieval;
using Meditron.Retrieval.Qdrant;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Tests.Qdrant;

public sealed class QdrantSearchPlanTests
{
    private static readonly QdrantOptions Options = new() { Dimension = 4, Collection = "guidelines" };
    private static readonly float[] QueryVector = [0.5f, 0.5f, 0.5f, 0.5f];

    private static IndexQuery Ask(SearchMode mode, float[]? vector = null, string text = "severe malaria treatment", int limit = 5) =>
        new(text, vector, mode, limit, new IndexFilter { Publishers = ["WHO"] }, CandidateLimit: 50, RrfK: 60);

    [Fact]
    public void Dense_search_asks_the_candidates_of_the_dense_vector_with_the_filter()
    {
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Dense, QueryVector), Options)!;

        var side = Assert.Single(plan.Sides);
        Assert.False(plan.Fuse);
        Assert.Equal("guidelines", side.CollectionName);
        Assert.Equal("dense", side.Using);
        Assert.Equal(QueryVector, side.Query.Nearest.Dense.Data);
        // As the embedded index: the best candidates first, then one chunk per page, then the limit.
        Assert.Equal(50ul, side.Limit);
        Assert.Equal(5, plan.Limit);
        Assert.Equal(["publisher_folded", "current"], side.Filter.Must.Select(c => c.Field.Key));
    }

    [Fact]
    public void Each_side_reads_only_what_ranking_needs()
    {
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Hybrid, QueryVector), Options)!;

        Assert.All(plan.Sides, side =>
        {
            Assert.Equal(["document_id", "page_start", "chunk_no"], side.WithPayload.Include.Fields);
            Assert.False(side.WithVectors.Enable);
        });
    }

    [Fact]
    public void Dense_search_without_a_vector_is_refused()
    {
        Assert.Throws<ArgumentException>(() => QdrantSearchPlan.For(Ask(SearchMode.Dense), Options));
    }

    [Fact]
    public void A_vector_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => QdrantSearchPlan.For(Ask(SearchMode.Hybrid, [1f, 0f]), Options));
    }

    [Fact]
    public void A_limit_below_one_is_refused()
    {
        Assert.Throws<ArgumentException>(() => QdrantSearchPlan.For(Ask(SearchMode.Bm25, limit: 0), Options));
    }

    [Fact]
    public void Bm25_search_queries_the_sparse_vector_with_unit_query_terms()
    {
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Bm25, QueryVector), Options)!;

        var side = Assert.Single(plan.Sides);
        Assert.False(plan.Fuse);
        Assert.Equal("bm25", side.Using);
        var sparse = side.Query.Nearest.Sparse;
        Assert.Equal(SparseVectorEncoder.Query("severe malaria treatment").Indices, sparse.Indices);
        Assert.All(sparse.Values, v => Assert.Equal(1f, v));
        Assert.Contains(SparseVectorEncoder.TermIndex("malaria"), sparse.Indices);
    }

    [Fact]
    public void Bm25_search_without_any_term_has_nothing_to_ask()
    {
        Assert.Null(QdrantSearchPlan.For(Ask(SearchMode.Bm25, text: "... ?!"), Options));
    }

    [Fact]
    public void Hybrid_search_asks_a_dense_then_a_sparse_side_to_fuse()
    {
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Hybrid, QueryVector), Options)!;

        Assert.True(plan.Fuse);
        Assert.Equal(60, plan.RrfK);
        Assert.Equal(["dense", "bm25"], plan.Sides.Select(s => s.Using));
        Assert.All(plan.Sides, s =>
        {
            Assert.Equal(50ul, s.Limit);
            Assert.Equal(QdrantFilterMapper.ToFilter(new IndexFilter { Publishers = ["WHO"] }), s.Filter);
        });
    }

    [Fact]
    public void Each_side_asks_at_least_the_limit()
    {
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Hybrid, QueryVector, limit: 80), Options)!;

        Assert.All(plan.Sides, s => Assert.Equal(80ul, s.Limit));
    }

    [Fact]
    public void Hybrid_without_a_vector_fuses_the_sparse_side_alone()
    {
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Hybrid), Options)!;

        Assert.Equal("bm25", Assert.Single(plan.Sides).Using);
        Assert.True(plan.Fuse);
    }

    [Fact]
    public void Hybrid_without_any_term_fuses_the_dense_side_alone()
    {
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Hybrid, QueryVector, text: "-- ?"), Options)!;

        Assert.Equal("dense", Assert.Single(plan.Sides).Using);
        Assert.True(plan.Fuse);
    }

    [Fact]
    public void Hybrid_with_neither_side_has_nothing_to_ask()
    {
        Assert.Null(QdrantSearchPlan.For(Ask(SearchMode.Hybrid, text: ""), Options));
    }

    [Fact]
    public void Vector_names_come_from_the_options()
    {
        var options = new QdrantOptions { Dimension = 4, DenseVectorName = "minilm", SparseVectorName = "terms" };

        var plan = QdrantSearchPlan.For(Ask(SearchMode.Hybrid, QueryVector), options)!;

        Assert.Equal(["minilm", "terms"], plan.Sides.Select(p => p.Using));
    }
}
