using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Npgsql;

namespace Meditron.Postgres;

/// <summary>The state of each `meditron sync` source in PostgreSQL (table <c>sync_sources</c>), shared by every node that runs the job.</summary>
public sealed class PostgresSyncSourceStore(PostgresDatabase database) : ISyncSourceStore
{
    public Task<SyncSourceState?> GetAsync(string source, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        return database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT etag, last_modified, sha256, checked_at FROM sync_sources WHERE source = @source;", connection);
            command.Parameters.AddWithValue("source", source);
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await r.ReadAsync(ct).ConfigureAwait(false)
                ? new SyncSourceState
                {
                    Source = source,
                    ETag = r.IsDBNull(0) ? null : r.GetString(0),
                    LastModified = r.IsDBNull(1) ? null : r.GetFieldValue<DateTimeOffset>(1),
                    Sha256 = r.IsDBNull(2) ? null : r.GetString(2),
                    CheckedAt = r.GetFieldValue<DateTimeOffset>(3),
                }
                : null;
        }, cancellationToken);
    }

    public Task SaveAsync(SyncSourceState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(state.Source);
        return database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO sync_sources (source, etag, last_modified, sha256, checked_at)
                VALUES (@source, @etag, @lastModified, @sha256, @checkedAt)
                ON CONFLICT (source) DO UPDATE
                SET etag = excluded.etag, last_modified = excluded.last_modified, sha256 = excluded.sha256, checked_at = excluded.checked_at;
                """, connection, transaction);
            var p = command.Parameters;
            p.AddWithValue("source", state.Source);
            p.AddWithValue("etag", (object?)state.ETag ?? DBNull.Value);
            p.AddWithValue("lastModified", PgValues.Utc(state.LastModified));
            p.AddWithValue("sha256", (object?)state.Sha256 ?? DBNull.Value);
            p.AddWithValue("checkedAt", PgValues.Utc(state.CheckedAt));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }
}
