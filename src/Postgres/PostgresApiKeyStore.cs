using Meditron.Core.Access;
using Meditron.Core.Ports;
using Npgsql;

namespace Meditron.Postgres;

/// <summary>
/// API keys in PostgreSQL (table <c>api_keys</c>), shared by every API replica. The database keeps one unrevoked key per
/// name (a partial unique index); a second key of that name is a clear error, whichever replica creates it.
/// </summary>
public sealed class PostgresApiKeyStore(PostgresDatabase database) : IApiKeyStore
{
    private const string Columns = "name, hash, prefix, scopes, created_at, revoked_at, last_used_at";
    private const string UniqueViolation = "23505";
    private const string ActiveNameIndex = "ux_api_keys_active_name";

    /// <summary>A default <see cref="ApiKeyRecord.CreatedAt"/> becomes now.</summary>
    /// <exception cref="ApiKeyNameTakenException">An unrevoked key has the same name.</exception>
    public async Task CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(key.Name);
        ArgumentException.ThrowIfNullOrEmpty(key.Hash);
        ArgumentException.ThrowIfNullOrEmpty(key.Prefix);
        ArgumentNullException.ThrowIfNull(key.Scopes);
        try
        {
            await database.WriteAsync(async (connection, transaction, ct) =>
            {
                await using var insert = new NpgsqlCommand(
                    $"INSERT INTO api_keys ({Columns}) VALUES (@name, @hash, @prefix, @scopes, @createdAt, @revokedAt, @lastUsedAt);",
                    connection, transaction);
                var p = insert.Parameters;
                p.AddWithValue("name", key.Name);
                p.AddWithValue("hash", key.Hash);
                p.AddWithValue("prefix", key.Prefix);
                p.AddWithValue("scopes", key.Scopes.ToArray());
                p.AddWithValue("createdAt", PgValues.Utc(key.CreatedAt == default ? database.TimeProvider.GetUtcNow() : key.CreatedAt));
                p.AddWithValue("revokedAt", PgValues.Utc(key.RevokedAt));
                p.AddWithValue("lastUsedAt", PgValues.Utc(key.LastUsedAt));
                return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation && e.ConstraintName == ActiveNameIndex)
        {
            throw ApiKeyNameTakenException.For(key.Name);
        }
    }

    public Task<ApiKeyRecord?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(hash);
        return database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM api_keys WHERE hash = @hash;", connection);
            command.Parameters.AddWithValue("hash", hash);
            var keys = await ReadAllAsync(command, ct).ConfigureAwait(false);
            return keys.Count == 0 ? null : keys[0];
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiKeyRecord>>(async (connection, ct) =>
        {
            // COLLATE "C": ordinal order by name, whatever the database's collation.
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM api_keys ORDER BY name COLLATE \"C\", created_at, key_id;", connection);
            return await ReadAllAsync(command, ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<bool> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = new NpgsqlCommand("UPDATE api_keys SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL;", connection, transaction);
            command.Parameters.AddWithValue("name", name);
            command.Parameters.AddWithValue("now", PgValues.Utc(database.TimeProvider.GetUtcNow()));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);
    }

    private static async Task<List<ApiKeyRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new ApiKeyRecord
            {
                Name = reader.GetString(0),
                Hash = reader.GetString(1),
                Prefix = reader.GetString(2),
                Scopes = reader.GetFieldValue<string[]>(3),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
                RevokedAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                LastUsedAt = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            });
        }
        return keys;
    }
}
