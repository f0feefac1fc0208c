using System.Diagnostics;
using System.Runtime.CompilerServices;
using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Retrieval.Analysis;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// Chunks and their dense vectors in the embedded store, keyed by (document id, chunk number).
/// A document's chunks are replaced in one transaction, so readers see the old set or the new set.
/// The document must be registered first (the chunks reference it), unless the index keeps its own copy of the
/// document rows because the registry lives elsewhere (<see cref="DocumentRowMirror"/>). The store records the embedding
/// model of its vectors at the first write and refuses to write or search with another (<see cref="StoredEmbeddingModel"/>).
/// </summary>
public sealed class SqliteChunkIndex : IChunkIndex
{
    internal const string Columns =
        "document_id, chunk_no, text, page_start, page_end, page_label, page_label_end, section, language, ocr, token_count, kind";

    /// <summary>How many columns <see cref="Columns"/> names (the vectors, when read, come after them).</summary>
    internal const int ColumnCount = 12;

    private readonly EmbeddedStore _store;
    private readonly EmbeddedSearch _search;
    private readonly Func<EmbeddingModel>? _embeddingModel;
    private readonly bool _registryElsewhere;

    /// <param name="registryElsewhere">
    /// The document registry is not this store (Storage:Provider=Postgres): the index keeps its own copy of the document
    /// rows, written with the chunks, and edition flips set their current flag here.
    /// </param>
    /// <param name="embeddingModel">
    /// The configured embedding model, asked for at the first write or dense search rather than here (loading the model
    /// is slow, and listing, deleting or a BM25 search do not need it); null: vectors are not checked (tests, tools).
    /// </param>
    public SqliteChunkIndex(EmbeddedStore store, Func<EmbeddingModel>? embeddingModel = null, bool registryElsewhere = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _embeddingModel = embeddingModel;
        _registryElsewhere = registryElsewhere;
        _search = new EmbeddedSearch(store, embeddingModel);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => _store.InitializeAsync(cancellationToken);

    public Task ReplaceDocumentAsync(ChunkSource source, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ReplaceAsync(source.DocumentId, chunks, source.Title, _registryElsewhere ? source : null, cancellationToken);
    }

    /// <summary>
    /// With the embedded registry nothing is to do: it keeps the current flag in this database, and search reads it
    /// from there. With the registry elsewhere the flag is set on the index's copy of the rows.
    /// </summary>
    public Task SetCurrentEditionAsync(string guidelineKey, string? currentDocumentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(guidelineKey);
        if (!_registryElsewhere)
        {
            return Task.CompletedTask;
        }
        return _store.WriteAsync(async (connection, transaction, ct) =>
        {
            var now = DbValues.Timestamp(_store.TimeProvider.GetUtcNow());
            await DocumentRowMirror.SetCurrentAsync(connection, transaction, guidelineKey, currentDocumentId, now, ct).ConfigureAwait(false);
            await EmbeddedStore.BumpChangeVersionAsync(connection, transaction, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return _store.WriteAsync(async (connection, transaction, ct) =>
        {
            await DeleteChunksAsync(connection, transaction, documentId, ct).ConfigureAwait(false);
            if (_registryElsewhere)
            {
                await DocumentRowMirror.DeleteAsync(connection, transaction, documentId, ct).ConfigureAwait(false);
            }
            await EmbeddedStore.BumpChangeVersionAsync(connection, transaction, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<IndexHit>> SearchAsync(IndexQuery query, CancellationToken cancellationToken) =>
        _search.SearchAsync(query, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> CountChunksWithWordsAsync(IReadOnlyCollection<string> words, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(words);
        return _store.ReadAsync((connection, ct) => ChunkWordCounts.CountAsync(connection, words, ct), cancellationToken);
    }

    public async Task CheckEmbeddingModelAsync(CancellationToken cancellationToken)
    {
        if (_embeddingModel is null)
        {
            return;
        }
        var model = _embeddingModel();
        await _store.ReadAsync(async (connection, ct) =>
        {
            await StoredEmbeddingModel.CheckAsync(connection, model, _store.DatabasePath, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="KeyNotFoundException">The document is not registered.</exception>
    /// <param name="title">The document's title, matched by BM25 with every chunk.</param>
    public Task ReplaceDocumentAsync(string documentId, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken, string title = "") =>
        ReplaceAsync(documentId, chunks, title, mirrored: null, cancellationToken);

    /// <param name="mirrored">The document's row to write with the chunks (the registry lives elsewhere); null: it must be registered here.</param>
    private Task<bool> ReplaceAsync(string documentId, IReadOnlyList<EmbeddedChunk> chunks, string title, ChunkSource? mirrored, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var item in chunks)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(chunks));
            if (!string.Equals(item.Chunk.DocumentId, documentId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Chunk {item.Chunk.ChunkNo} belongs to document {item.Chunk.DocumentId}, not {documentId}.", nameof(chunks));
            }
            ArgumentNullException.ThrowIfNull(item.Vector, nameof(chunks));
        }

        var model = _embeddingModel?.Invoke();
        if (model is not null && chunks.FirstOrDefault(c => c.Vector.Length != model.Dimension) is { } odd)
        {
            throw new ArgumentException($"Chunk {odd.Chunk.ChunkNo} has a {odd.Vector.Length}-dimension vector, not the {model.Dimension} of embedding model '{model.Id}'.", nameof(chunks));
        }
        return _store.WriteAsync(async (connection, transaction, ct) =>
        {
            var watch = Stopwatch.StartNew();
            if (model is not null)
            {
                await StoredEmbeddingModel.EnsureAsync(connection, transaction, model, _store.DatabasePath, ct).ConfigureAwait(false);
            }
            if (mirrored is not null)
            {
                await DocumentRowMirror.UpsertAsync(connection, transaction, mirrored, DbValues.Timestamp(_store.TimeProvider.GetUtcNow()), ct).ConfigureAwait(false);
            }
            await ReplaceInTransactionAsync(connection, transaction, documentId, chunks, ct, title).ConfigureAwait(false);
            EmbeddedStoreLog.ChunksReplaced(_store.Logger, documentId, chunks.Count, watch.ElapsedMilliseconds);
            return true;
        }, cancellationToken);
    }

    /// <summary>The document's chunks in chunk number order (empty when it has none).</summary>
    public Task<IReadOnlyList<Chunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return _store.ReadAsync<IReadOnlyList<Chunk>>(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM chunks WHERE document_id = $id ORDER BY chunk_no;";
            command.Parameters.AddWithValue("$id", documentId);
            var result = new List<Chunk>();
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(ReadChunk(reader));
            }
            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Streams the chunks and vectors of indexed documents, by document id then chunk number, from
    /// one consistent snapshot: only current editions unless <paramref name="currentOnly"/> is false.
    /// Meant for loading the in-memory search index; the connection stays open while enumerating.
    /// </summary>
    public async IAsyncEnumerable<EmbeddedChunk> ReadIndexedAsync(bool currentOnly = true, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                $"""
                SELECT {string.Join(", ", Columns.Split(", ").Select(c => "c." + c))}, c.vector, c.text_vector
                FROM chunks AS c JOIN documents AS d ON d.document_id = c.document_id
                WHERE d.status = 'indexed' AND (d.current = 1 OR $all = 1)
                ORDER BY c.document_id, c.chunk_no;
                """;
            command.Parameters.AddWithValue("$all", currentOnly ? 0 : 1);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new EmbeddedChunk(ReadChunk(reader), ReadVector(reader, ColumnCount), ReadOptionalVector(reader, ColumnCount + 1));
            }
        }
    }

    /// <summary>The delete and inserts of a replace, inside the caller's transaction (tests abandon one to prove atomicity).</summary>
    internal static async Task ReplaceInTransactionAsync(SqliteConnection connection, SqliteTransaction transaction, string documentId, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken, string title = "")
    {
        using (var exists = connection.CreateCommand())
        {
            exists.Transaction = transaction;
            exists.CommandText = "SELECT 1 FROM documents WHERE document_id = $id;";
            exists.Parameters.AddWithValue("$id", documentId);
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                throw new KeyNotFoundException($"Document {documentId} is not registered; register it before indexing its chunks.");
            }
        }
        await DeleteChunksAsync(connection, transaction, documentId, cancellationToken).ConfigureAwait(false);

        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText =
                $"""
                INSERT INTO chunks ({Columns}, vector, text_vector)
                VALUES ($id, $no, $text, $pageStart, $pageEnd, $pageLabel, $pageLabelEnd, $section, $language, $ocr, $tokens, $kind, $vector, $textVector);
                """;
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var no = insert.Parameters.Add("$no", SqliteType.Integer);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            var pageStart = insert.Parameters.Add("$pageStart", SqliteType.Integer);
            var pageEnd = insert.Parameters.Add("$pageEnd", SqliteType.Integer);
            var pageLabel = insert.Parameters.Add("$pageLabel", SqliteType.Text);
            var pageLabelEnd = insert.Parameters.Add("$pageLabelEnd", SqliteType.Text);
            var section = insert.Parameters.Add("$section", SqliteType.Text);
            var language = insert.Parameters.Add("$language", SqliteType.Text);
            var ocr = insert.Parameters.Add("$ocr", SqliteType.Integer);
            var tokens = insert.Parameters.Add("$tokens", SqliteType.Integer);
            var kind = insert.Parameters.Add("$kind", SqliteType.Text);
            var vector = insert.Parameters.Add("$vector", SqliteType.Blob);
            var textVector = insert.Parameters.Add("$textVector", SqliteType.Blob);
            insert.Prepare();
            using var insertTerms = connection.CreateCommand();
            insertTerms.Transaction = transaction;
            insertTerms.CommandText = "INSERT INTO chunk_terms (rowid, terms) VALUES (last_insert_rowid(), $terms);";
            var terms = insertTerms.Parameters.Add("$terms", SqliteType.Text);
            insertTerms.Prepare();

            id.Value = documentId;
            for (int i = 0; i < chunks.Count; i++)
            {
                if (i % 1024 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var (chunk, values, textValues) = chunks[i];
                no.Value = chunk.ChunkNo;
                text.Value = chunk.Text;
                pageStart.Value = chunk.PageStart;
                pageEnd.Value = chunk.PageEnd;
                pageLabel.Value = DbValues.Nullable(chunk.PageLabel);
                pageLabelEnd.Value = DbValues.Nullable(chunk.PageLabelEnd);
                section.Value = chunk.Section;
                language.Value = chunk.Language;
                ocr.Value = chunk.Ocr ? 1 : 0;
                tokens.Value = chunk.TokenCount;
                kind.Value = ChunkKindNames.Of(chunk.Kind);
                vector.Value = VectorCodec.Encode(values);
                textVector.Value = textValues is null ? DBNull.Value : VectorCodec.Encode(textValues);
                // Microsoft.Data.Sqlite runs synchronously either way; the sync call skips a Task per row.
                insert.ExecuteNonQuery();
                terms.Value = Bm25Terms.ForChunk(chunk, title);
                insertTerms.ExecuteNonQuery();
            }
        }

        await EmbeddedStore.BumpChangeVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a document's chunks and their BM25 terms (the FTS rows share the chunks' row ids), inside the caller's transaction.</summary>
    internal static async Task DeleteChunksAsync(SqliteConnection connection, SqliteTransaction transaction, string documentId, CancellationToken cancellationToken)
    {
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM chunk_terms WHERE rowid IN (SELECT rowid FROM chunks WHERE document_id = $id); DELETE FROM chunks WHERE document_id = $id;";
        delete.Parameters.AddWithValue("$id", documentId);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static Chunk ReadChunk(SqliteDataReader r, int offset = 0) => new()
    {
        DocumentId = r.GetString(offset + 0),
        ChunkNo = r.GetInt32(offset + 1),
        Text = r.GetString(offset + 2),
        PageStart = r.GetInt32(offset + 3),
        PageEnd = r.GetInt32(offset + 4),
        PageLabel = r.IsDBNull(offset + 5) ? null : r.GetString(offset + 5),
        PageLabelEnd = r.IsDBNull(offset + 6) ? null : r.GetString(offset + 6),
        Section = r.GetString(offset + 7),
        Language = r.GetString(offset + 8),
        Ocr = r.GetInt64(offset + 9) == 1,
        TokenCount = r.GetInt32(offset + 10),
        Kind = ChunkKindNames.Parse(r.GetString(offset + 11)),
    };

    private static float[] ReadVector(SqliteDataReader reader, int ordinal) =>
        VectorCodec.Decode(reader.GetFieldValue<byte[]>(ordinal));

    internal static float[]? ReadOptionalVector(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadVector(reader, ordinal);
}
