using Meditron.Core.Access;
using Meditron.Core.Ports;
using Npgsql;

namespace Meditron.Postgres.Tests;

/// <summary>The <see cref="ApiKeyStoreContract"/> on PostgreSQL, in a fresh schema, and the database's own guard on names.</summary>
public sealed class PostgresApiKeyStoreTests : ApiKeyStoreContract, IAsyncLifetime
{
    private readonly TestSchema _schema = new();
    private readonly PostgresApiKeyStore _store;

    public PostgresApiKeyStoreTests() => _store = new PostgresApiKeyStore(_schema.OpenDatabase(Clock));

    protected override IApiKeyStore Keys => _store;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    [SkippableFact]
    public async Task The_database_itself_allows_one_active_key_per_name()
    {
        await Keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);

        await using var connection = await _schema.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO api_keys (name, hash, prefix, scopes, created_at) VALUES ('ops', 'another-hash', 'mdk_x', '{ask}', now());", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal((PostgresErrorCodes.UniqueViolation, "ux_api_keys_active_name"), (error.SqlState, error.ConstraintName));
    }
}
