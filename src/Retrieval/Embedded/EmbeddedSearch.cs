using System.Text.Json;
using Meditron.Core.Documents;
using Meditron.Core.Retrieval;
using Meditron.Retrieval.Analysis;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// Hybrid search over the embedded store: exact dense search over an in-memory snapshot of the
/// vectors (reloaded when another process changes the store), BM25 through SQLite FTS5, and
/// reciprocal-rank fusion of the two. A dense search with another embedding model than the stored vectors' is refused.
/// </summary>
/// <param name="embeddingModel">The configured model, checked against the store's record on a dense search; null: no check.</param>
internal sealed class EmbeddedSearch(EmbeddedStore store, Func<EmbeddingModel>? embeddingModel = null)
{
    private VectorSnapshot? _snapshot;

    public async Task<IReadOnlyList<IndexHit>> SearchAsync(IndexQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var snapshot = await CurrentSnapshotAsync(cancellationToken).ConfigureAwait(false);
        bool[] allowed = snapshot.Allowed(query.Filter);
        int candidates = Math.Max(query.CandidateLimit, query.Limit);

        // The BM25 side waits on SQLite while the dense side scans memory: run them side by side.
        var keywordTask = query.Mode == SearchMode.Dense
            ? Task.FromResult<IReadOnlyList<(long RowId, double Score)>>([])
            : Task.Run(() => KeywordAsync(query.Text, snapshot, allowed, query.Filter.GuidanceOnly, candidates, cancellationToken), cancellationToken);
        IReadOnlyList<(long RowId, double Score)> dense = [];
        if (query.Mode != SearchMode.Bm25)
        {
            ArgumentNullException.ThrowIfNull(query.Vector, nameof(query));
            if (embeddingModel is not null)
            {
                StoredEmbeddingModel.CheckSearch(snapshot.EmbeddingModel, snapshot.Dimension, embeddingModel(), store.DatabasePath);
            }
            dense = snapshot.TopDense(query.Vector, allowed, candidates, query.Filter.GuidanceOnly);
        }
        var keyword = await keywordTask.ConfigureAwait(false);

        // Overlapping chunks of one page would crowd each ranking, and two sides often prefer different
        // chunks of the same page: rankings are of pages, each shown by its best chunk (dense side first).
        dense = snapshot.BestPerPage(dense);
        keyword = snapshot.BestPerPage(keyword);
        var ranked = query.Mode switch
        {
            SearchMode.Dense => dense.ToList(),
            SearchMode.Bm25 => keyword.ToList(),
            _ => FusePages(snapshot, dense, keyword, query.RrfK),
        };
        var top = ranked.Take(query.Limit).ToList();
        var chunks = await ReadChunksAsync(top.Select(t => t.Item1).ToList(), cancellationToken).ConfigureAwait(false);
        return top.Where(t => chunks.ContainsKey(t.Item1))
            .Select(t => new IndexHit(chunks[t.Item1].Chunk, snapshot.Documents[snapshot.DocumentOf(t.Item1)], t.Item2, chunks[t.Item1].TextVector))
            .ToList();
    }

    private static List<(long, double)> FusePages(VectorSnapshot snapshot, IReadOnlyList<(long RowId, double Score)> dense, IReadOnlyList<(long RowId, double Score)> keyword, int k)
    {
        var representative = new Dictionary<(int, int), long>();
        foreach (var (rowId, _) in dense.Concat(keyword))
        {
            representative.TryAdd(snapshot.PageOf(rowId), rowId);
        }
        var fused = ReciprocalRankFusion.Fuse(k, dense.Select(d => snapshot.PageOf(d.RowId)).ToList(), keyword.Select(w => snapshot.PageOf(w.RowId)).ToList());
        return fused.Select(f => (representative[f.Item], f.Score)).ToList();
    }

    private async Task<VectorSnapshot> CurrentSnapshotAsync(CancellationToken cancellationToken)
    {
        long version = await store.GetChangeVersionAsync(cancellationToken).ConfigureAwait(false);
        if (_snapshot is { } fresh && fresh.Version == version)
        {
            return fresh;
        }
        // Two searches may both reload after a change; the snapshots are equal, the last one stays.
        var loaded = await LoadSnapshotAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _snapshot, loaded);
        return loaded;
    }

    /// <summary>Reads documents and vectors in one read transaction, so both belong to the same state.</summary>
    private Task<VectorSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(async (connection, ct) =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            long version = await EmbeddedStore.ReadChangeVersionAsync(connection, transaction, ct).ConfigureAwait(false);
            var embeddingModel = await StoredEmbeddingModel.ReadAsync(connection, transaction, ct).ConfigureAwait(false);

            var documents = new List<ChunkSource>();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT document_id, file, title, publisher, guideline_key, edition, language, year, current FROM documents WHERE status <> 'failed' ORDER BY document_id;";
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    documents.Add(new ChunkSource
                    {
                        DocumentId = reader.GetString(0),
                        File = reader.GetString(1),
                        Title = reader.GetString(2),
                        Publisher = reader.GetString(3),
                        GuidelineKey = reader.GetString(4),
                        Edition = reader.GetString(5),
                        Language = reader.GetString(6),
                        Year = reader.IsDBNull(7) ? null : reader.GetInt32(7),
                        Current = reader.GetInt64(8) == 1,
                    });
                }
            }
            var documentIndex = documents.Select((d, i) => (d.DocumentId, i)).ToDictionary(x => x.DocumentId, x => x.i, StringComparer.Ordinal);

            var rowIds = new List<long>();
            var pages = new List<int>();
            var owners = new List<int>();
            var guidance = new List<bool>();
            var vectors = new List<float>();
            int dimension = 0;
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT c.rowid, c.document_id, c.vector, c.page_start, c.kind FROM chunks AS c JOIN documents AS d ON d.document_id = c.document_id WHERE d.status <> 'failed';";
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    float[] vector = VectorCodec.Decode((byte[])reader.GetValue(2));
                    dimension = dimension == 0 ? vector.Length : dimension;
                    if (vector.Length != dimension)
                    {
                        throw new InvalidOperationException($"The index mixes vector sizes ({dimension} and {vector.Length}): re-ingest after changing the embedding model.");
                    }
                    rowIds.Add(reader.GetInt64(0));
                    pages.Add(reader.GetInt32(3));
                    owners.Add(documentIndex[reader.GetString(1)]);
                    guidance.Add(ChunkKindNames.Parse(reader.GetString(4)) == ChunkKind.Guidance);
                    vectors.AddRange(vector);
                }
            }
            return new VectorSnapshot(version, dimension, [.. rowIds], [.. owners], [.. pages], [.. guidance], [.. vectors], [.. documents]) { EmbeddingModel = embeddingModel };
        }, cancellationToken);

    /// <summary>
    /// BM25 through FTS5. When most chunks are allowed (the usual case: current editions), the match
    /// runs on the FTS table alone, over-fetches and filters in memory, which avoids a join per
    /// matching row; a narrow filter, or too few survivors, takes the joined query. <paramref name="guidanceOnly"/> leaves
    /// out chunks that are not guidance on both paths.
    /// </summary>
    private async Task<IReadOnlyList<(long RowId, double Score)>> KeywordAsync(string text, VectorSnapshot snapshot, bool[] allowed, bool guidanceOnly, int limit, CancellationToken cancellationToken)
    {
        string? match = Bm25Terms.MatchExpression(text);
        double share = snapshot.AllowedShare(allowed, guidanceOnly);
        if (match is null || share == 0)
        {
            return [];
        }
        if (share >= 0.5)
        {
            int fetch = (int)Math.Ceiling(limit / share * 1.5);
            var ranked = await ReadRankedAsync("SELECT rowid, -rank FROM chunk_terms WHERE chunk_terms MATCH $match ORDER BY rank, rowid LIMIT $limit;", match, null, false, fetch, cancellationToken).ConfigureAwait(false);
            var kept = ranked.Where(r => snapshot.RowAllowed(r.RowId, allowed, guidanceOnly)).Take(limit).ToList();
            if (kept.Count == limit || ranked.Count < fetch)
            {
                return kept;
            }
        }
        var documents = snapshot.Documents.Where((_, i) => allowed[i]).Select(d => d.DocumentId).ToList();
        return await ReadRankedAsync(
            """
            SELECT t.rowid, -bm25(chunk_terms) AS score
            FROM chunk_terms AS t JOIN chunks AS c ON c.rowid = t.rowid
            WHERE chunk_terms MATCH $match AND c.document_id IN (SELECT value FROM json_each($documents))
                AND ($guidanceOnly = 0 OR c.kind = 'guidance')
            ORDER BY score DESC, t.rowid
            LIMIT $limit;
            """,
            match, JsonSerializer.Serialize(documents), guidanceOnly, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a ranked match; bm25() and rank are lower for better matches, so they come negated (higher is better).</summary>
    private Task<List<(long RowId, double Score)>> ReadRankedAsync(string sql, string match, string? documents, bool guidanceOnly, int limit, CancellationToken cancellationToken) =>
        store.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$match", match);
            command.Parameters.AddWithValue("$limit", limit);
            if (documents is not null)
            {
                command.Parameters.AddWithValue("$documents", documents);
                command.Parameters.AddWithValue("$guidanceOnly", guidanceOnly ? 1 : 0);
            }
            var hits = new List<(long, double)>();
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                hits.Add((reader.GetInt64(0), reader.GetDouble(1)));
            }
            return hits;
        }, cancellationToken);

    /// <summary>The hits' chunks, each with its stored text vector (null for chunks stored before it was kept).</summary>
    private Task<Dictionary<long, (Chunk Chunk, float[]? TextVector)>> ReadChunksAsync(IReadOnlyList<long> rowIds, CancellationToken cancellationToken) =>
        store.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT rowid, {SqliteChunkIndex.Columns}, text_vector FROM chunks WHERE rowid IN (SELECT value FROM json_each($rows));";
            command.Parameters.AddWithValue("$rows", JsonSerializer.Serialize(rowIds));
            var chunks = new Dictionary<long, (Chunk, float[]?)>();
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                chunks[reader.GetInt64(0)] = (SqliteChunkIndex.ReadChunk(reader, offset: 1), SqliteChunkIndex.ReadOptionalVector(reader, 1 + SqliteChunkIndex.ColumnCount));
            }
            return chunks;
        }, cancellationToken);
}
