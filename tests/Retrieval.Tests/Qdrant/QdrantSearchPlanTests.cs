using Meditron.Core.Retrieval;
using Meditron.Retrieval.Qdrant;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Tests.Qdrant;

public sealed class QdrantSearchPlanTests
{
    private static readonly QdrantOptions Options = new() { Dimension = 4 };
    private static readonly float[] QueryVector = [0.5f, 0.5f, 0.5f, 0.5f];

    private static IndexQuery Ask(SearchMode mode, float[]? vector = null, string text = "severe malaria treatment", int limit = 5) =>
        new(text, vector, mode, limit, new IndexFilter { Publishers = ["WHO"] }, CandidateLimit: 50, RrfK: 60);

    [Fact]
    public void Dense_search_queries_the_dense_vector_with_the_filter()
    {
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Dense, QueryVector), Options)!;

        Assert.Equal("dense", plan.Using);
        Assert.Empty(plan.Prefetch);
        Assert.Equal(QueryVector, plan.Query.Nearest.Dense.Data);
        Assert.Equal(5ul, plan.Limit);
        Assert.Equal(["publisher", "current"], plan.Filter.Must.Select(c => c.Field.Key));
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
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Bm25), Options)!;

        Assert.Equal("bm25", plan.Using);
        Assert.Empty(plan.Prefetch);
        var sparse = plan.Query.Nearest.Sparse;
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
    public void Hybrid_search_fuses_a_dense_and_a_sparse_prefetch_by_rrf()
    {
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Hybrid, QueryVector), Options)!;

        Assert.Null(plan.Using);
        Assert.Equal(Query.VariantOneofCase.Rrf, plan.Query.VariantCase);
        Assert.Equal(61u, plan.Query.Rrf.K);
        Assert.Equal(2, plan.Prefetch.Count);
        var dense = plan.Prefetch[0];
        var sparse = plan.Prefetch[1];
        Assert.Equal("dense", dense.Using);
        Assert.Equal(QueryVector, dense.Query.Nearest.Dense.Data);
        Assert.Equal("bm25", sparse.Using);
        Assert.NotEmpty(sparse.Query.Nearest.Sparse.Indices);
        Assert.All(plan.Prefetch, p =>
        {
            Assert.Equal(50ul, p.Limit);
            Assert.Equal(plan.Filter, p.Filter);
        });
        Assert.Equal(5ul, plan.Limit);
    }

    [Fact]
    public void Hybrid_prefetches_at_least_the_limit()
    {
        var query = Ask(SearchMode.Hybrid, QueryVector, limit: 80);

        var plan = QdrantSearchPlan.For(query, Options)!;

        Assert.All(plan.Prefetch, p => Assert.Equal(80ul, p.Limit));
    }

    [Fact]
    public void Hybrid_without_a_vector_fuses_the_sparse_side_alone()
    {
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Hybrid), Options)!;

        Assert.Equal("bm25", Assert.Single(plan.Prefetch).Using);
        Assert.Equal(Query.VariantOneofCase.Rrf, plan.Query.VariantCase);
    }

    [Fact]
    public void Hybrid_without_any_term_fuses_the_dense_side_alone()
    {
        var plan = QdrantSearchPlan.For(Ask(SearchMode.Hybrid, QueryVector, text: "-- ?"), Options)!;

        Assert.Equal("dense", Assert.Single(plan.Prefetch).Using);
    }

    [Fact]
    public void Hybrid_with_neither_side_has_nothing_to_ask()
    {
        Assert.Null(QdrantSearchPlan.For(Ask(SearchMode.Hybrid, text: ""), Options));
    }

    [Theory]
    [InlineData(60, 61u)]
    [InlineData(0, 1u)]
    [InlineData(1, 2u)]
    public void Rrf_k_is_shifted_to_Qdrant_zero_based_ranks(int k, uint expected)
    {
        Assert.Equal(expected, QdrantSearchPlan.QdrantRrfK(k));
    }

    [Fact]
    public void Vector_names_come_from_the_options()
    {
        var options = new QdrantOptions { Dimension = 4, DenseVectorName = "minilm", SparseVectorName = "terms" };

        var plan = QdrantSearchPlan.For(Ask(SearchMode.Hybrid, QueryVector), options)!;

        Assert.Equal(["minilm", "terms"], plan.Prefetch.Select(p => p.Using));
    }
}
