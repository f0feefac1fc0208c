using Meditron.Core.Ports;
using Npgsql;

namespace Meditron.Postgres;

/// <summary>
/// Original files in PostgreSQL (table <c>contents</c>), addressed by their SHA-256 ("sha256:HEX") like the file store,
/// so that the API node that took an upload and the worker that ingests it need share nothing but the database. One
/// insert per file: a killed process leaves the file stored or not, never half.
/// </summary>
public sealed class PostgresContentStore(PostgresDatabase database) : IContentStore
{
    public async Task<string> PutAsync(Stream content, string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        string contentRef = ContentReference.For(sha256);
        // bytea travels whole; guideline PDFs are bounded by the upload limit (tens of MB).
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        byte[] bytes = buffer.ToArray();
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            // Another node may have stored the same bytes meanwhile: theirs are identical.
            await using var insert = new NpgsqlCommand(
                "INSERT INTO contents (content_ref, bytes, size, created_at) VALUES (@ref, @bytes, @size, @now) ON CONFLICT (content_ref) DO NOTHING;",
                connection, transaction);
            insert.Parameters.AddWithValue("ref", contentRef);
            insert.Parameters.AddWithValue("bytes", bytes);
            insert.Parameters.AddWithValue("size", (long)bytes.Length);
            insert.Parameters.AddWithValue("now", PgValues.Utc(database.TimeProvider.GetUtcNow()));
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return contentRef;
    }

    /// <summary>A seekable stream of the bytes (HTTP range requests seek).</summary>
    /// <exception cref="FileNotFoundException">Nothing is stored under the reference.</exception>
    public Task<Stream> OpenAsync(string contentRef, CancellationToken cancellationToken)
    {
        ContentReference.DigestOf(contentRef); // refuses what no store could hold
        return database.ReadAsync<Stream>(async (connection, ct) =>
        {
            await using var select = new NpgsqlCommand("SELECT bytes FROM contents WHERE content_ref = @ref;", connection);
            select.Parameters.AddWithValue("ref", contentRef);
            return await select.ExecuteScalarAsync(ct).ConfigureAwait(false) is byte[] bytes
                ? new MemoryStream(bytes, writable: false)
                : throw new FileNotFoundException($"Nothing is stored under {contentRef}.", contentRef);
        }, cancellationToken);
    }

    /// <summary>Removes the bytes; a reference with nothing stored under it is fine (a repeated delete).</summary>
    public Task DeleteAsync(string contentRef, CancellationToken cancellationToken)
    {
        ContentReference.DigestOf(contentRef); // refuses what no store could hold
        return database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var delete = new NpgsqlCommand("DELETE FROM contents WHERE content_ref = @ref;", connection, transaction);
            delete.Parameters.AddWithValue("ref", contentRef);
            return await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }
}
