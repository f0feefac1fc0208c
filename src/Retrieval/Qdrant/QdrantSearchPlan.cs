using Meditron.Core.Retrieval;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Qdrant;

/// <summary>
/// One search as Query API requests, sent in one batch: a ranking side per vector (dense, sparse BM25), each the
/// <see cref="CandidateLimit"/> best chunks under the filter. <see cref="QdrantRanking"/> then keeps each page's best
/// chunk and, in hybrid mode, fuses the sides by reciprocal rank on the client, exactly as the embedded index does
/// (server-side fusion ranks raw chunks, so one page's overlapping chunks would crowd the results). Pure: built
/// without a server, so it can be tested.
/// </summary>
/// <param name="Sides">The ranking requests, dense first (the side whose chunk shows a page both sides found).</param>
/// <param name="Fuse">Hybrid mode: the sides are fused by RRF, even when only one side had anything to ask.</param>
internal sealed record QdrantSearchPlan(IReadOnlyList<QueryPoints> Sides, bool Fuse, int RrfK, int Limit, int CandidateLimit)
{
    /// <summary>What a ranking side reads of each point: enough to group by page and order ties; the hits' full payload is read after.</summary>
    public static IReadOnlyList<string> RankingFields { get; } = [QdrantPayload.DocumentId, QdrantPayload.PageStart, QdrantPayload.ChunkNo];

    /// <summary>
    /// The requests for <paramref name="query"/>, or null when it cannot match anything (no query terms in
    /// BM25 mode, neither terms nor vector in hybrid mode).
    /// </summary>
    /// <remarks>
    /// Each side asks max(<see cref="IndexQuery.CandidateLimit"/>, <see cref="IndexQuery.Limit"/>) chunks, as the embedded
    /// index does before it keeps the best chunk per page.
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
        if (query.Mode is not (SearchMode.Dense or SearchMode.Bm25 or SearchMode.Hybrid))
        {
            throw new ArgumentException($"Unknown search mode {query.Mode}.", nameof(query));
        }
        if (query.Mode == SearchMode.Dense && query.Vector is null)
        {
            throw new ArgumentException("A dense search needs a query vector.", nameof(query));
        }

        var filter = QdrantFilterMapper.ToFilter(query.Filter);
        int candidates = Math.Max(query.CandidateLimit, query.Limit);
        var sides = new List<QueryPoints>(2);
        if (query.Mode != SearchMode.Bm25 && query.Vector is not null)
        {
            sides.Add(Side(options, DenseQuery(query.Vector), options.DenseVectorName, filter, candidates));
        }
        if (query.Mode != SearchMode.Dense && SparseVectorEncoder.Query(query.Text ?? "") is { IsEmpty: false } terms)
        {
            sides.Add(Side(options, SparseQuery(terms), options.SparseVectorName, filter, candidates));
        }
        return sides.Count == 0 ? null : new QdrantSearchPlan(sides, query.Mode == SearchMode.Hybrid, query.RrfK, query.Limit, candidates);
    }

    private static QueryPoints Side(QdrantOptions options, Query query, string vectorName, Filter filter, int limit) => new()
    {
        CollectionName = options.Collection,
        Query = query,
        Using = vectorName,
        Filter = filter,
        Limit = (ulong)limit,
        WithPayload = new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { RankingFields } } },
        WithVectors = new WithVectorsSelector { Enable = false },
    };

    private static Query DenseQuery(float[] vector) =>
        new() { Nearest = new VectorInput { Dense = new DenseVector { Data = { vector } } } };

    private static Query SparseQuery(SparseTerms terms) =>
        new() { Nearest = new VectorInput { Sparse = new SparseVector { Indices = { terms.Indices }, Values = { terms.Values } } } };
}
