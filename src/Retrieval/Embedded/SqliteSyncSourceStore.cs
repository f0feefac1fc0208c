using Meditron.Core.Documents;
using Meditron.Core.Ports;

namespace Meditron.Retrieval.Embedded;

/// <summary>The state of each `meditron sync` source in the embedded store (table <c>sync_sources</c>).</summary>
public sealed class SqliteSyncSourceStore(EmbeddedStore store) : ISyncSourceStore
{
    public Task<SyncSourceState?> GetAsync(string source, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        return store.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT etag, last_modified, sha256, checked_at FROM sync_sources WHERE source = $source;";
            command.Parameters.AddWithValue("$source", source);
            using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await r.ReadAsync(ct).ConfigureAwait(false)
                ? new SyncSourceState
                {
                    Source = source,
                    ETag = r.IsDBNull(0) ? null : r.GetString(0),
                    LastModified = r.IsDBNull(1) ? null : DbValues.ParseTimestamp(r.GetString(1)),
                    Sha256 = r.IsDBNull(2) ? null : r.GetString(2),
                    CheckedAt = DbValues.ParseTimestamp(r.GetString(3)),
                }
                : null;
        }, cancellationToken);
    }

    public Task SaveAsync(SyncSourceState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(state.Source);
        return store.WriteAsync(async (connection, transaction, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                """
                INSERT INTO sync_sources (source, etag, last_modified, sha256, checked_at)
                VALUES ($source, $etag, $lastModified, $sha256, $checkedAt)
                ON CONFLICT (source) DO UPDATE
                SET etag = excluded.etag, last_modified = excluded.last_modified, sha256 = excluded.sha256, checked_at = excluded.checked_at;
                """;
            var p = command.Parameters;
            p.AddWithValue("$source", state.Source);
            p.AddWithValue("$etag", DbValues.Nullable(state.ETag));
            p.AddWithValue("$lastModified", DbValues.Timestamp(state.LastModified));
            p.AddWithValue("$sha256", DbValues.Nullable(state.Sha256));
            p.AddWithValue("$checkedAt", DbValues.Timestamp(state.CheckedAt));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }
}
