using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// The document registry in the embedded store. Which edition of a guideline is current is
/// recomputed inside the same transaction that changes a document's status, so concurrent writers
/// (threads or processes) always leave exactly the newest indexed edition current.
/// </summary>
public sealed class SqliteDocumentRegistry : IDocumentRegistry
{
    private const string Columns =
        "document_id, file, sha256, content_ref, title, guideline_key, edition, publisher, year, language, " +
        "status, reason, pages, chunks, current, created_at, updated_at, current_from, superseded_at, stage, attempts";

    private readonly EmbeddedStore _store;

    public SqliteDocumentRegistry(EmbeddedStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    public Task<DocumentRecord?> GetAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return _store.ReadAsync((connection, ct) => SelectAsync(connection, null, documentId, ct), cancellationToken);
    }

    /// <summary>Every document, by guideline key (ordinal), then oldest to newest edition.</summary>
    public Task<IReadOnlyList<DocumentRecord>> ListAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync<IReadOnlyList<DocumentRecord>>(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM documents;";
            var records = await ReadAllAsync(command, ct).ConfigureAwait(false);
            return CurrentEdition.InRegistryOrder(records);
        }, cancellationToken);

    /// <summary>
    /// Inserts the document as pending (not current, no reason, no current/superseded times; a default
    /// <see cref="DocumentRecord.CreatedAt"/> or <see cref="DocumentRecord.UpdatedAt"/> becomes now),
    /// or returns the stored record untouched when the id is already known.
    /// </summary>
    public Task<DocumentRecord> RegisterAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(document.DocumentId);
        ArgumentNullException.ThrowIfNull(document.Metadata);
        ArgumentException.ThrowIfNullOrEmpty(document.Metadata.GuidelineKey);

        return _store.WriteAsync(async (connection, transaction, ct) =>
        {
            var now = _store.TimeProvider.GetUtcNow();
            var metadata = document.Metadata;
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText =
                    $"""
                    INSERT INTO documents ({Columns})
                    VALUES ($id, $file, $sha256, $contentRef, $title, $key, $edition, $publisher, $year, $language,
                            'pending', NULL, $pages, $chunks, 0, $createdAt, $updatedAt, NULL, NULL, NULL, 0)
                    ON CONFLICT (document_id) DO NOTHING;
                    """;
                var p = insert.Parameters;
                p.AddWithValue("$id", document.DocumentId);
                p.AddWithValue("$file", document.File);
                p.AddWithValue("$sha256", document.Sha256);
                p.AddWithValue("$contentRef", document.ContentRef);
                p.AddWithValue("$title", metadata.Title);
                p.AddWithValue("$key", metadata.GuidelineKey);
                p.AddWithValue("$edition", metadata.Edition);
                p.AddWithValue("$publisher", metadata.Publisher);
                p.AddWithValue("$year", DbValues.Nullable(metadata.Year));
                p.AddWithValue("$language", metadata.Language);
                p.AddWithValue("$pages", document.Pages);
                p.AddWithValue("$chunks", document.Chunks);
                p.AddWithValue("$createdAt", DbValues.Timestamp(document.CreatedAt == default ? now : document.CreatedAt));
                p.AddWithValue("$updatedAt", DbValues.Timestamp(document.UpdatedAt == default ? now : document.UpdatedAt));
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            return await SelectAsync(connection, transaction, document.DocumentId, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Document {document.DocumentId} vanished while it was being registered.");
        }, cancellationToken);
    }

    /// <summary>
    /// Marks the document indexed and makes the newest indexed edition of its guideline current, in
    /// one transaction. Repeating the call with the same counts changes nothing.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The document was never registered.</exception>
    public Task MarkIndexedAsync(string documentId, int pages, int chunks, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        ArgumentOutOfRangeException.ThrowIfNegative(pages);
        ArgumentOutOfRangeException.ThrowIfNegative(chunks);

        return UpdateAndRecomputeAsync(documentId,
            """
            UPDATE documents
            SET updated_at = CASE WHEN status <> 'indexed' OR reason IS NOT NULL OR pages <> $pages OR chunks <> $chunks
                                  THEN $now ELSE updated_at END,
                status = 'indexed', reason = NULL, pages = $pages, chunks = $chunks, stage = NULL
            WHERE document_id = $id
            RETURNING guideline_key;
            """,
            parameters =>
            {
                parameters.AddWithValue("$pages", pages);
                parameters.AddWithValue("$chunks", chunks);
            },
            cancellationToken);
    }

    /// <summary>
    /// Marks the document failed with the reason; it stops being current (superseded now) and the
    /// newest remaining indexed edition of its guideline, if any, becomes current instead.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The document was never registered.</exception>
    public Task MarkFailedAsync(string documentId, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        ArgumentNullException.ThrowIfNull(reason);

        return UpdateAndRecomputeAsync(documentId,
            """
            UPDATE documents
            SET superseded_at = CASE WHEN current = 1 THEN $now ELSE superseded_at END,
                status = 'failed', reason = $reason, current = 0, updated_at = $now, stage = NULL
            WHERE document_id = $id
            RETURNING guideline_key;
            """,
            parameters => parameters.AddWithValue("$reason", reason),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">The document was never registered.</exception>
    public Task MarkQueuedAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        // A failed edition was not current, and queuing does not make one current: nothing to recompute.
        return UpdateStageAsync(documentId,
            """
            UPDATE documents
            SET status = 'pending', stage = 'queued', reason = NULL, updated_at = $now
            WHERE document_id = $id AND status <> 'indexed';
            """,
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">The document was never registered.</exception>
    public Task<DocumentRecord> MarkProcessingAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return UpdateStageAsync(documentId,
            """
            UPDATE documents
            SET status = 'pending', stage = 'processing', reason = NULL, attempts = attempts + 1, updated_at = $now
            WHERE document_id = $id AND status <> 'indexed';
            """,
            cancellationToken);
    }

    /// <summary>
    /// Removes the document, its chunks and their BM25 terms, then makes the newest remaining indexed edition of its
    /// guideline current, all in one transaction: readers see the document with its chunks, or neither and the
    /// previous edition current. Returns the record as it was; null for an unknown id (nothing changes).
    /// </summary>
    /// <exception cref="DocumentBusyException">The document is processing: a worker is writing its chunks.</exception>
    public Task<DocumentRecord?> DeleteAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return _store.WriteAsync<DocumentRecord?>(async (connection, transaction, ct) =>
        {
            var document = await SelectAsync(connection, transaction, documentId, ct).ConfigureAwait(false);
            if (document is null)
            {
                return null;
            }
            if (document.Status == DocumentStatus.Processing)
            {
                throw DocumentBusyException.For(documentId);
            }
            // The chunks would cascade from the row, but their FTS5 terms would not: delete both explicitly.
            await SqliteChunkIndex.DeleteChunksAsync(connection, transaction, documentId, ct).ConfigureAwait(false);
            var now = DbValues.Timestamp(_store.TimeProvider.GetUtcNow());
            await ExecuteAsync(connection, transaction, "DELETE FROM documents WHERE document_id = $id;", documentId, now, ct).ConfigureAwait(false);
            await RecomputeCurrentAsync(connection, transaction, document.Metadata.GuidelineKey, now, ct).ConfigureAwait(false);
            await EmbeddedStore.BumpChangeVersionAsync(connection, transaction, ct).ConfigureAwait(false);
            EmbeddedStoreLog.DocumentDeleted(_store.Logger, documentId, document.Metadata.GuidelineKey);
            return document;
        }, cancellationToken);
    }

    /// <summary>
    /// Publishes inside a write transaction: SQLite has one writer at a time, so the registry's own flips wait for the
    /// publish, and two publishers (processes sharing the store) take turns. <paramref name="publish"/> must not write
    /// to this store (the embedded index has nothing to publish: its search reads the current flag from here).
    /// </summary>
    public Task PublishCurrentEditionAsync(string guidelineKey, Func<string?, CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(guidelineKey);
        ArgumentNullException.ThrowIfNull(publish);
        return _store.WriteAsync(async (connection, transaction, ct) =>
        {
            using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = "SELECT document_id FROM documents WHERE guideline_key = $key AND current = 1;";
            select.Parameters.AddWithValue("$key", guidelineKey);
            string? current = (string?)await select.ExecuteScalarAsync(ct).ConfigureAwait(false);
            await publish(current, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>A status change that cannot move the current edition (to queued or processing); returns the record after it.</summary>
    private Task<DocumentRecord> UpdateStageAsync(string documentId, string updateSql, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (connection, transaction, ct) =>
        {
            using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = updateSql;
                update.Parameters.AddWithValue("$id", documentId);
                update.Parameters.AddWithValue("$now", DbValues.Timestamp(_store.TimeProvider.GetUtcNow()));
                await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            return await SelectAsync(connection, transaction, documentId, ct).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"Document {documentId} is not registered.");
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="updateSql"/> on one document (it binds $id and $now and returns the guideline
    /// key), then recomputes that guideline's current edition and bumps the change version, in one transaction.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The document was never registered.</exception>
    private Task<bool> UpdateAndRecomputeAsync(string documentId, string updateSql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (connection, transaction, ct) =>
        {
            var now = DbValues.Timestamp(_store.TimeProvider.GetUtcNow());
            string key;
            using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = updateSql;
                update.Parameters.AddWithValue("$id", documentId);
                update.Parameters.AddWithValue("$now", now);
                bind(update.Parameters);
                key = (string?)await update.ExecuteScalarAsync(ct).ConfigureAwait(false)
                    ?? throw new KeyNotFoundException($"Document {documentId} is not registered.");
            }
            await RecomputeCurrentAsync(connection, transaction, key, now, ct).ConfigureAwait(false);
            await EmbeddedStore.BumpChangeVersionAsync(connection, transaction, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Among the indexed documents of the guideline, the newest by <see cref="EditionOrder"/> becomes
    /// current and every other one stops being current. Runs inside the caller's write transaction.
    /// </summary>
    private async Task RecomputeCurrentAsync(SqliteConnection connection, SqliteTransaction transaction, string guidelineKey, string now, CancellationToken cancellationToken)
    {
        List<DocumentRecord> editions;
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT {Columns} FROM documents WHERE guideline_key = $key;";
            select.Parameters.AddWithValue("$key", guidelineKey);
            editions = await ReadAllAsync(select, cancellationToken).ConfigureAwait(false);
        }
        var (demote, promote) = CurrentEdition.Changes(editions);
        foreach (string stale in demote)
        {
            await ExecuteAsync(connection, transaction,
                "UPDATE documents SET current = 0, superseded_at = $now, updated_at = $now WHERE document_id = $id;",
                stale, now, cancellationToken).ConfigureAwait(false);
        }
        if (promote is not null)
        {
            await ExecuteAsync(connection, transaction,
                "UPDATE documents SET current = 1, current_from = $now, superseded_at = NULL, updated_at = $now WHERE document_id = $id;",
                promote, now, cancellationToken).ConfigureAwait(false);
            EmbeddedStoreLog.CurrentChanged(_store.Logger, guidelineKey, promote);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, string documentId, string now, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", documentId);
        command.Parameters.AddWithValue("$now", now);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DocumentRecord?> SelectAsync(SqliteConnection connection, SqliteTransaction? transaction, string documentId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM documents WHERE document_id = $id;";
        command.Parameters.AddWithValue("$id", documentId);
        var records = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return records.Count == 0 ? null : records[0];
    }

    private static async Task<List<DocumentRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var records = new List<DocumentRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Read(reader));
        }
        return records;
    }

    private static DocumentRecord Read(SqliteDataReader r) => new()
    {
        DocumentId = r.GetString(0),
        File = r.GetString(1),
        Sha256 = r.GetString(2),
        ContentRef = r.GetString(3),
        Metadata = new DocumentMetadata
        {
            Title = r.GetString(4),
            GuidelineKey = r.GetString(5),
            Edition = r.GetString(6),
            Publisher = r.GetString(7),
            Year = r.IsDBNull(8) ? null : r.GetInt32(8),
            Language = r.GetString(9),
        },
        Status = DbValues.ParseStatus(r.GetString(10), r.IsDBNull(19) ? null : r.GetString(19)),
        Reason = r.IsDBNull(11) ? null : r.GetString(11),
        Pages = r.GetInt32(12),
        Chunks = r.GetInt32(13),
        Current = r.GetInt64(14) == 1,
        CreatedAt = DbValues.ParseTimestamp(r.GetString(15)),
        UpdatedAt = DbValues.ParseTimestamp(r.GetString(16)),
        CurrentFrom = r.IsDBNull(17) ? null : DbValues.ParseTimestamp(r.GetString(17)),
        SupersededAt = r.IsDBNull(18) ? null : DbValues.ParseTimestamp(r.GetString(18)),
        Attempts = r.GetInt32(20),
    };
}
