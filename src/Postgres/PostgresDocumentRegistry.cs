using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Npgsql;
using NpgsqlTypes;

namespace Meditron.Postgres;

/// <summary>
/// The document registry in PostgreSQL. Every change of a document's status takes its guideline's edition lock and
/// recomputes which edition is current in the same transaction, so workers on any number of nodes always leave exactly
/// the newest indexed edition current; publishing that edition to the index takes the same lock.
/// </summary>
public sealed class PostgresDocumentRegistry(PostgresDatabase database) : IDocumentRegistry
{
    private const string Columns =
        "document_id, file, sha256, content_ref, title, guideline_key, edition, publisher, year, language, " +
        "status, reason, pages, chunks, current, attempts, created_at, updated_at, current_from, superseded_at";

    public Task<DocumentRecord?> GetAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return database.ReadAsync((connection, ct) => SelectAsync(connection, null, documentId, ct), cancellationToken);
    }

    /// <summary>Every document, by guideline key (ordinal), then oldest to newest edition.</summary>
    public Task<IReadOnlyList<DocumentRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<DocumentRecord>>(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM documents;", connection);
            var records = await ReadAllAsync(command, ct).ConfigureAwait(false);
            return CurrentEdition.InRegistryOrder(records);
        }, cancellationToken);

    /// <summary>
    /// Inserts the document as pending (not current, no reason; a default <see cref="DocumentRecord.CreatedAt"/> or
    /// <see cref="DocumentRecord.UpdatedAt"/> becomes now), or returns the stored record untouched when the id is known.
    /// </summary>
    public Task<DocumentRecord> RegisterAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(document.DocumentId);
        ArgumentNullException.ThrowIfNull(document.Metadata);
        ArgumentException.ThrowIfNullOrEmpty(document.Metadata.GuidelineKey);

        return database.WriteAsync(async (connection, transaction, ct) =>
        {
            var now = database.TimeProvider.GetUtcNow();
            var metadata = document.Metadata;
            await using (var insert = new NpgsqlCommand(
                $"""
                INSERT INTO documents ({Columns})
                VALUES (@id, @file, @sha256, @contentRef, @title, @key, @edition, @publisher, @year, @language,
                        'pending', NULL, @pages, @chunks, false, 0, @createdAt, @updatedAt, NULL, NULL)
                ON CONFLICT (document_id) DO NOTHING;
                """, connection, transaction))
            {
                var p = insert.Parameters;
                p.AddWithValue("id", document.DocumentId);
                p.AddWithValue("file", document.File);
                p.AddWithValue("sha256", document.Sha256);
                p.AddWithValue("contentRef", document.ContentRef);
                p.AddWithValue("title", metadata.Title);
                p.AddWithValue("key", metadata.GuidelineKey);
                p.AddWithValue("edition", metadata.Edition);
                p.AddWithValue("publisher", metadata.Publisher);
                p.Add(new NpgsqlParameter<int?>("year", NpgsqlDbType.Integer) { TypedValue = metadata.Year });
                p.AddWithValue("language", metadata.Language);
                p.AddWithValue("pages", document.Pages);
                p.AddWithValue("chunks", document.Chunks);
                p.AddWithValue("createdAt", PgValues.Utc(document.CreatedAt == default ? now : document.CreatedAt));
                p.AddWithValue("updatedAt", PgValues.Utc(document.UpdatedAt == default ? now : document.UpdatedAt));
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            return await SelectAsync(connection, transaction, document.DocumentId, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Document {document.DocumentId} vanished while it was being registered.");
        }, cancellationToken);
    }

    /// <summary>Marks the document indexed and makes the newest indexed edition of its guideline current, in one transaction. A repeat changes nothing.</summary>
    /// <exception cref="KeyNotFoundException">The document was never registered.</exception>
    public Task MarkIndexedAsync(string documentId, int pages, int chunks, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        ArgumentOutOfRangeException.ThrowIfNegative(pages);
        ArgumentOutOfRangeException.ThrowIfNegative(chunks);
        return ChangeAsync(documentId, recompute: true,
            """
            UPDATE documents
            SET updated_at = CASE WHEN status <> 'indexed' OR reason IS NOT NULL OR pages <> @pages OR chunks <> @chunks
                                  THEN @now ELSE updated_at END,
                status = 'indexed', reason = NULL, pages = @pages, chunks = @chunks
            WHERE document_id = @id;
            """,
            p =>
            {
                p.AddWithValue("pages", pages);
                p.AddWithValue("chunks", chunks);
            },
            cancellationToken);
    }

    /// <summary>Marks the document failed with the reason; it stops being current and the newest remaining indexed edition, if any, becomes current.</summary>
    /// <exception cref="KeyNotFoundException">The document was never registered.</exception>
    public Task MarkFailedAsync(string documentId, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        ArgumentNullException.ThrowIfNull(reason);
        return ChangeAsync(documentId, recompute: true,
            """
            UPDATE documents
            SET superseded_at = CASE WHEN current THEN @now ELSE superseded_at END,
                status = 'failed', reason = @reason, current = false, updated_at = @now
            WHERE document_id = @id;
            """,
            p => p.AddWithValue("reason", reason),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">The document was never registered.</exception>
    public Task MarkQueuedAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return ChangeAsync(documentId, recompute: false,
            "UPDATE documents SET status = 'queued', reason = NULL, updated_at = @now WHERE document_id = @id AND status <> 'indexed';",
            _ => { }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">The document was never registered.</exception>
    public Task<DocumentRecord> MarkProcessingAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return ChangeAsync(documentId, recompute: false,
            """
            UPDATE documents SET status = 'processing', reason = NULL, attempts = attempts + 1, updated_at = @now
            WHERE document_id = @id AND status <> 'indexed';
            """,
            _ => { }, cancellationToken);
    }

    /// <summary>
    /// Removes the document's row and makes the newest remaining indexed edition of its guideline current, in one
    /// transaction (its chunks live in the index, which the caller clears first). Null for an unknown id.
    /// </summary>
    /// <exception cref="DocumentBusyException">The document is processing: a worker is writing its chunks.</exception>
    public Task<DocumentRecord?> DeleteAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return database.WriteAsync<DocumentRecord?>(async (connection, transaction, ct) =>
        {
            if (await LockDocumentsGuidelineAsync(connection, transaction, documentId, ct).ConfigureAwait(false) is null)
            {
                return null;
            }
            var document = await SelectAsync(connection, transaction, documentId, ct).ConfigureAwait(false);
            if (document is null)
            {
                return null;
            }
            if (document.Status == DocumentStatus.Processing)
            {
                throw DocumentBusyException.For(documentId);
            }
            await using (var delete = new NpgsqlCommand("DELETE FROM documents WHERE document_id = @id;", connection, transaction))
            {
                delete.Parameters.AddWithValue("id", documentId);
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await RecomputeCurrentAsync(connection, transaction, document.Metadata.GuidelineKey, database.TimeProvider.GetUtcNow(), ct).ConfigureAwait(false);
            PostgresLog.DocumentDeleted(database.Logger, documentId, document.Metadata.GuidelineKey);
            return document;
        }, cancellationToken);
    }

    public Task PublishCurrentEditionAsync(string guidelineKey, Func<string?, CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(guidelineKey);
        ArgumentNullException.ThrowIfNull(publish);
        return database.WriteAsync(async (connection, transaction, ct) =>
        {
            await database.LockGuidelineAsync(connection, transaction, guidelineKey, ct).ConfigureAwait(false);
            string? current;
            await using (var select = new NpgsqlCommand("SELECT document_id FROM documents WHERE guideline_key = @key AND current;", connection, transaction))
            {
                select.Parameters.AddWithValue("key", guidelineKey);
                current = (string?)await select.ExecuteScalarAsync(ct).ConfigureAwait(false);
            }
            await publish(current, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Under the document's guideline lock: runs <paramref name="updateSql"/> (binding @id and @now), recomputes the
    /// current edition when the change can move it, and returns the record after it.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The document was never registered.</exception>
    private Task<DocumentRecord> ChangeAsync(string documentId, bool recompute, string updateSql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            string key = await LockDocumentsGuidelineAsync(connection, transaction, documentId, ct).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"Document {documentId} is not registered.");
            var now = database.TimeProvider.GetUtcNow();
            await using (var update = new NpgsqlCommand(updateSql, connection, transaction))
            {
                update.Parameters.AddWithValue("id", documentId);
                update.Parameters.AddWithValue("now", PgValues.Utc(now));
                bind(update.Parameters);
                await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            if (recompute)
            {
                await RecomputeCurrentAsync(connection, transaction, key, now, ct).ConfigureAwait(false);
            }
            return await SelectAsync(connection, transaction, documentId, ct).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"Document {documentId} is not registered.");
        }, cancellationToken);

    /// <summary>Takes the edition lock of the document's guideline (a document never changes guideline); null when the id is unknown.</summary>
    private async Task<string?> LockDocumentsGuidelineAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string documentId, CancellationToken cancellationToken)
    {
        string? key;
        await using (var select = new NpgsqlCommand("SELECT guideline_key FROM documents WHERE document_id = @id;", connection, transaction))
        {
            select.Parameters.AddWithValue("id", documentId);
            key = (string?)await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        if (key is not null)
        {
            await database.LockGuidelineAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
        }
        return key;
    }

    /// <summary>
    /// Among the indexed documents of the guideline, the newest by <see cref="EditionOrder"/> becomes current and every
    /// other one stops being current. Runs inside the caller's transaction, under the guideline's lock.
    /// </summary>
    private async Task RecomputeCurrentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string guidelineKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<DocumentRecord> editions;
        await using (var select = new NpgsqlCommand($"SELECT {Columns} FROM documents WHERE guideline_key = @key;", connection, transaction))
        {
            select.Parameters.AddWithValue("key", guidelineKey);
            editions = await ReadAllAsync(select, cancellationToken).ConfigureAwait(false);
        }
        var (demote, promote) = CurrentEdition.Changes(editions);
        foreach (string stale in demote)
        {
            await SetAsync(connection, transaction,
                "UPDATE documents SET current = false, superseded_at = @now, updated_at = @now WHERE document_id = @id;",
                stale, now, cancellationToken).ConfigureAwait(false);
        }
        if (promote is not null)
        {
            await SetAsync(connection, transaction,
                "UPDATE documents SET current = true, current_from = @now, superseded_at = NULL, updated_at = @now WHERE document_id = @id;",
                promote, now, cancellationToken).ConfigureAwait(false);
            PostgresLog.CurrentChanged(database.Logger, guidelineKey, promote);
        }
    }

    private static async Task SetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string documentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", documentId);
        command.Parameters.AddWithValue("now", PgValues.Utc(now));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DocumentRecord?> SelectAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string documentId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM documents WHERE document_id = @id;", connection, transaction);
        command.Parameters.AddWithValue("id", documentId);
        var records = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return records.Count == 0 ? null : records[0];
    }

    private static async Task<List<DocumentRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var records = new List<DocumentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Read(reader));
        }
        return records;
    }

    private static DocumentRecord Read(NpgsqlDataReader r) => new()
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
        Status = PgValues.ParseStatus(r.GetString(10)),
        Reason = r.IsDBNull(11) ? null : r.GetString(11),
        Pages = r.GetInt32(12),
        Chunks = r.GetInt32(13),
        Current = r.GetBoolean(14),
        Attempts = r.GetInt32(15),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(16),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(17),
        CurrentFrom = r.IsDBNull(18) ? null : r.GetFieldValue<DateTimeOffset>(18),
        SupersededAt = r.IsDBNull(19) ? null : r.GetFieldValue<DateTimeOffset>(19),
    };
}
