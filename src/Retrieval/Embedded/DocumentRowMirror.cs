using Meditron.Core.Retrieval;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// The embedded index's own copy of the document rows its chunks reference, when the registry lives elsewhere
/// (Storage:Provider=Postgres with the embedded index): written with the chunks, its current flag set by the index's
/// edition flips, as Qdrant keeps the same facts in each point's payload. Search reads these rows exactly as it reads
/// the embedded registry's.
/// </summary>
internal static class DocumentRowMirror
{
    /// <summary>Adds or refreshes the document's row as indexed; a new row is not current until a flip says so.</summary>
    public static async Task UpsertAsync(SqliteConnection connection, SqliteTransaction transaction, ChunkSource source, string now, CancellationToken cancellationToken)
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        // sha256 and content_ref belong to the shared registry; the index never reads them.
        upsert.CommandText =
            """
            INSERT INTO documents (document_id, file, sha256, content_ref, title, guideline_key, edition, publisher, year,
                                   language, status, reason, pages, chunks, current, created_at, updated_at)
            VALUES ($id, $file, '', '', $title, $key, $edition, $publisher, $year, $language, 'indexed', NULL, 0, 0, 0, $now, $now)
            ON CONFLICT (document_id) DO UPDATE
            SET file = excluded.file, title = excluded.title, guideline_key = excluded.guideline_key,
                edition = excluded.edition, publisher = excluded.publisher, year = excluded.year,
                language = excluded.language, status = 'indexed', reason = NULL, updated_at = excluded.updated_at;
            """;
        var p = upsert.Parameters;
        p.AddWithValue("$id", source.DocumentId);
        p.AddWithValue("$file", source.File);
        p.AddWithValue("$title", source.Title);
        p.AddWithValue("$key", source.GuidelineKey);
        p.AddWithValue("$edition", source.Edition);
        p.AddWithValue("$publisher", source.Publisher);
        p.AddWithValue("$year", DbValues.Nullable(source.Year));
        p.AddWithValue("$language", source.Language);
        p.AddWithValue("$now", now);
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the document the guideline's only current row (null: none is current). Demotes first: one current row per guideline is a unique index.</summary>
    public static async Task SetCurrentAsync(SqliteConnection connection, SqliteTransaction transaction, string guidelineKey, string? currentDocumentId, string now, CancellationToken cancellationToken)
    {
        using var flip = connection.CreateCommand();
        flip.Transaction = transaction;
        flip.CommandText =
            """
            UPDATE documents SET current = 0, superseded_at = $now, updated_at = $now
            WHERE guideline_key = $key AND current = 1 AND document_id IS NOT $current;
            UPDATE documents SET current = 1, current_from = $now, superseded_at = NULL, updated_at = $now
            WHERE document_id = $current AND guideline_key = $key AND current = 0;
            """;
        flip.Parameters.AddWithValue("$key", guidelineKey);
        flip.Parameters.AddWithValue("$current", (object?)currentDocumentId ?? DBNull.Value);
        flip.Parameters.AddWithValue("$now", now);
        await flip.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, string documentId, CancellationToken cancellationToken)
    {
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM documents WHERE document_id = $id;";
        delete.Parameters.AddWithValue("$id", documentId);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
