using System.Numerics.Tensors;
using Meditron.Core.Retrieval;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// Every indexed chunk's vector in one contiguous array, with its row id, document and whether it is guidance, as of
/// one change version of the store. Exact dense search scans it with SIMD dot products.
/// </summary>
internal sealed class VectorSnapshot(long version, int dimension, long[] rowIds, int[] documentIndex, int[] pageStarts, bool[] guidance, float[] vectors, ChunkSource[] documents)
{
    private const int ParallelThreshold = 50_000;

    private readonly Dictionary<long, int> _rows = rowIds.Select((id, row) => (id, row)).ToDictionary(x => x.id, x => x.row);

    public long Version { get; } = version;

    /// <summary>The size of the vectors; 0 when there are none.</summary>
    public int Dimension => dimension;

    /// <summary>The model the store records for its vectors, as of this version; null when it records none.</summary>
    public EmbeddingModel? EmbeddingModel { get; init; }

    /// <summary>The document (index into <see cref="Documents"/>) of a chunk row; -1 when the row is not in the snapshot.</summary>
    public int DocumentOf(long rowId) => _rows.TryGetValue(rowId, out int row) ? documentIndex[row] : -1;

    /// <summary>
    /// Whether a chunk row may be returned: its document is allowed and, when <paramref name="guidanceOnly"/>, it is
    /// guidance. False when the row is not in the snapshot.
    /// </summary>
    public bool RowAllowed(long rowId, bool[] allowed, bool guidanceOnly) =>
        _rows.TryGetValue(rowId, out int row) && allowed[documentIndex[row]] && (!guidanceOnly || guidance[row]);

    /// <summary>The (document, start page) of a chunk row.</summary>
    public (int Document, int Page) PageOf(long rowId) =>
        _rows.TryGetValue(rowId, out int row) ? (documentIndex[row], pageStarts[row]) : (-1, (int)rowId);

    /// <summary>The ranking with only the first (best) chunk of each starting page of each document.</summary>
    public List<(long RowId, double Score)> BestPerPage(IEnumerable<(long RowId, double Score)> ranking)
    {
        var seen = new HashSet<(int Document, int Page)>();
        return ranking.Where(r => !_rows.TryGetValue(r.RowId, out int row) || seen.Add((documentIndex[row], pageStarts[row]))).ToList();
    }

    /// <summary>The share of chunk rows whose document is allowed (and that are guidance, when <paramref name="guidanceOnly"/>).</summary>
    public double AllowedShare(bool[] allowed, bool guidanceOnly = false)
    {
        if (Count == 0)
        {
            return 0;
        }

        var kept = 0;
        for (var row = 0; row < Count; row++)
        {
            if (allowed[documentIndex[row]] && (!guidanceOnly || guidance[row]))
            {
                kept++;
            }
        }

        return kept / (double)Count;
    }
    public int Count => rowIds.Length;
    public IReadOnlyList<ChunkSource> Documents => documents;

    /// <summary>Which documents pass the filter, by index into <see cref="Documents"/>.</summary>
    public bool[] Allowed(IndexFilter filter)
    {
        var allowed = new bool[documents.Length];
        for (int d = 0; d < documents.Length; d++)
        {
            allowed[d] = FilterMatcher.Matches(filter, documents[d]);
        }
        return allowed;
    }

    /// <summary>The <paramref name="limit"/> best rows by dot product (cosine: vectors are normalised), best first.</summary>
    /// <param name="guidanceOnly">Leave out rows that are not guidance.</param>
    public List<(long RowId, double Score)> TopDense(float[] query, bool[] allowed, int limit, bool guidanceOnly = false)
    {
        if (Count == 0)
        {
            return [];
        }
        if (query.Length != dimension)
        {
            throw new ArgumentException($"The query vector has {query.Length} dimensions; the index has {dimension}.", nameof(query));
        }
        var best = Count >= ParallelThreshold ? ScanParallel(query, allowed, guidanceOnly, limit) : Scan(query, allowed, guidanceOnly, limit, 0, Count);
        return best.OrderByDescending(b => b.Score).ThenBy(b => b.Row).Select(b => (rowIds[b.Row], (double)b.Score)).ToList();
    }

    private List<(int Row, float Score)> ScanParallel(float[] query, bool[] allowed, bool guidanceOnly, int limit)
    {
        int partitions = Environment.ProcessorCount;
        int size = (Count + partitions - 1) / partitions;
        var parts = new List<(int Row, float Score)>[partitions];
        Parallel.For(0, partitions, p => parts[p] = Scan(query, allowed, guidanceOnly, limit, p * size, Math.Min(Count, (p + 1) * size)));
        return parts.SelectMany(p => p).OrderByDescending(b => b.Score).Take(limit).ToList();
    }

    private List<(int Row, float Score)> Scan(float[] query, bool[] allowed, bool guidanceOnly, int limit, int from, int to)
    {
        // Min-heap of the best so far: the root is the weakest of them.
        var heap = new PriorityQueue<int, float>(limit + 1);
        var all = vectors.AsSpan();
        for (int row = from; row < to; row++)
        {
            if (!allowed[documentIndex[row]] || (guidanceOnly && !guidance[row]))
            {
                continue;
            }
            float score = TensorPrimitives.Dot(all.Slice(row * dimension, dimension), query);
            if (heap.Count < limit)
            {
                heap.Enqueue(row, score);
            }
            else if (heap.TryPeek(out _, out float weakest) && score > weakest)
            {
                heap.DequeueEnqueue(row, score);
            }
        }
        var result = new List<(int, float)>(heap.Count);
        while (heap.TryDequeue(out int row, out float score))
        {
            result.Add((row, score));
        }
        return result;
    }
}
