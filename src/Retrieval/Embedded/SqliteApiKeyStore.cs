using System.Text.Json;
using Meditron.Core.Access;
using Meditron.Core.Ports;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// API keys in the embedded store (table <c>api_keys</c>). The database itself keeps one unrevoked key per name
/// (a partial unique index); the check before the insert, in the same write transaction, turns that into a clear error.
/// </summary>
public sealed class SqliteApiKeyStore(EmbeddedStore store) : IApiKeyStore
{
    private const string Columns = "name, hash, prefix, scopes, created_at, revoked_at, last_used_at";

    /// <summary>A default <see cref="ApiKeyRecord.CreatedAt"/> becomes now.</summary>
    /// <exception cref="ApiKeyNameTakenException">An unrevoked key has the same name.</exception>
    public Task CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(key.Name);
        ArgumentException.ThrowIfNullOrEmpty(key.Hash);
        ArgumentException.ThrowIfNullOrEmpty(key.Prefix);
        ArgumentNullException.ThrowIfNull(key.Scopes);

        return store.WriteAsync(async (connection, transaction, ct) =>
        {
            using (var taken = connection.CreateCommand())
            {
                taken.Transaction = transaction;
                taken.CommandText = "SELECT 1 FROM api_keys WHERE name = $name AND revoked_at IS NULL;";
                taken.Parameters.AddWithValue("$name", key.Name);
                if (await taken.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
                {
                    throw ApiKeyNameTakenException.For(key.Name);
                }
            }
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                $"""
                INSERT INTO api_keys ({Columns})
                VALUES ($name, $hash, $prefix, $scopes, $createdAt, $revokedAt, $lastUsedAt);
                """;
            var p = insert.Parameters;
            p.AddWithValue("$name", key.Name);
            p.AddWithValue("$hash", key.Hash);
            p.AddWithValue("$prefix", key.Prefix);
            p.AddWithValue("$scopes", JsonSerializer.Serialize(key.Scopes));
            p.AddWithValue("$createdAt", DbValues.Timestamp(key.CreatedAt == default ? store.TimeProvider.GetUtcNow() : key.CreatedAt));
            p.AddWithValue("$revokedAt", DbValues.Timestamp(key.RevokedAt));
            p.AddWithValue("$lastUsedAt", DbValues.Timestamp(key.LastUsedAt));
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<ApiKeyRecord?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(hash);
        return store.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM api_keys WHERE hash = $hash;";
            command.Parameters.AddWithValue("$hash", hash);
            var keys = await ReadAllAsync(command, ct).ConfigureAwait(false);
            return keys.Count == 0 ? null : keys[0];
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyList<ApiKeyRecord>>(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            // BINARY collation: ordinal order by name.
            command.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY name, created_at, key_id;";
            return await ReadAllAsync(command, ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<bool> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return store.WriteAsync(async (connection, transaction, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE api_keys SET revoked_at = $now WHERE name = $name AND revoked_at IS NULL;";
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$now", DbValues.Timestamp(store.TimeProvider.GetUtcNow()));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);
    }

    private static async Task<List<ApiKeyRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(reader));
        }
        return keys;
    }

    private static ApiKeyRecord Read(SqliteDataReader r) => new()
    {
        Name = r.GetString(0),
        Hash = r.GetString(1),
        Prefix = r.GetString(2),
        Scopes = JsonSerializer.Deserialize<string[]>(r.GetString(3))
            ?? throw new InvalidDataException($"API key '{r.GetString(0)}' has no scopes in the embedded store."),
        CreatedAt = DbValues.ParseTimestamp(r.GetString(4)),
        RevokedAt = r.IsDBNull(5) ? null : DbValues.ParseTimestamp(r.GetString(5)),
        LastUsedAt = r.IsDBNull(6) ? null : DbValues.ParseTimestamp(r.GetString(6)),
    };
}
