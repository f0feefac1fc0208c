using Meditron.Core.Retrieval;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Qdrant;

/// <summary>
/// One Query API request: either a single nearest-neighbour query on one named vector, or prefetches
/// fused by reciprocal rank. Pure: built without a server, so it can be tested.
/// </summary>
internal sealed record QdrantSearchPlan(Query Query, string? Using, IReadOnlyList<PrefetchQuery> Prefetch, Filter Filter, ulong Limit)
{
    /// <summary>
    /// The request for <paramref name="query"/>, or null when it cannot match anything (no query terms in
    /// BM25 mode, neither terms nor vector in hybrid mode).
    /// </summary>
    /// <remarks>
    /// Hybrid: a dense prefetch and a sparse prefetch, each with the filter and
    /// max(<see cref="IndexQuery.CandidateLimit"/>, <see cref="IndexQuery.Limit"/>) candidates, fused by
    /// <see cref="Rrf"/>. Qdrant ranks from 0 (score = Σ 1/(k + rank₀)); <see cref="IndexQuery.RrfK"/> is
    /// the usual k of Σ 1/(k + rank₁), so Qdrant is sent k + 1 (the parameter needs a Qdrant server 1.16 or later).
    /// When one side is missing (no vector, or a query of stop words only) the other side is still fused
    /// alone, so hybrid scores stay on the RRF scale.
    /// </remarks>
    /// <exception cref="ArgumentException">Dense mode without a vector, a vector of the wrong size, or a limit below 1.</exception>
    public static QdrantSearchPlan? For(IndexQuery query, QdrantOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        if (query.Limit < 1)
        {
            throw new ArgumentException("The limit must be at least 1.", nameof(query));
        }
        if (query.Vector is not null && query.Vector.Length != options.Dimension)
        {
            throw new ArgumentException($"The query vector has {query.Vector.Length} dimensions; the index expects {options.Dimension}.", nameof(query));
        }

        var filter = QdrantFilterMapper.ToFilter(query.Filter);
        ulong limit = (ulong)query.Limit;
        switch (query.Mode)
        {
            case SearchMode.Dense:
                if (query.Vector is null)
                {
                    throw new ArgumentException("A dense search needs a query vector.", nameof(query));
                }
                return new QdrantSearchPlan(DenseQuery(query.Vector), options.DenseVectorName, [], filter, limit);

            case SearchMode.Bm25:
                var terms = SparseVectorEncoder.Query(query.Text ?? "");
                return terms.IsEmpty ? null : new QdrantSearchPlan(SparseQuery(terms), options.SparseVectorName, [], filter, limit);

            case SearchMode.Hybrid:
                ulong candidates = (ulong)Math.Max(query.CandidateLimit, query.Limit);
                var prefetch = new List<PrefetchQuery>(2);
                if (query.Vector is not null)
                {
                    prefetch.Add(new PrefetchQuery { Query = DenseQuery(query.Vector), Using = options.DenseVectorName, Filter = filter, Limit = candidates });
                }
                var hybridTerms = SparseVectorEncoder.Query(query.Text ?? "");
                if (!hybridTerms.IsEmpty)
                {
                    prefetch.Add(new PrefetchQuery { Query = SparseQuery(hybridTerms), Using = options.SparseVectorName, Filter = filter, Limit = candidates });
                }
                if (prefetch.Count == 0)
                {
                    return null;
                }
                return new QdrantSearchPlan(new Query { Rrf = new Rrf { K = QdrantRrfK(query.RrfK) } }, null, prefetch, filter, limit);

            default:
                throw new ArgumentException($"Unknown search mode {query.Mode}.", nameof(query));
        }
    }

    /// <summary>Qdrant's k for the usual (1-based rank) RRF k.</summary>
    public static uint QdrantRrfK(int rrfK)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rrfK);
        return checked((uint)rrfK + 1);
    }

    private static Query DenseQuery(float[] vector) =>
        new() { Nearest = new VectorInput { Dense = new DenseVector { Data = { vector } } } };

    private static Query SparseQuery(SparseTerms terms) =>
        new() { Nearest = new VectorInput { Sparse = new SparseVector { Indices = { terms.Indices }, Values = { terms.Values } } } };
}
