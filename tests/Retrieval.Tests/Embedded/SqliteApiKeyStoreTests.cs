using Meditron.Core.Access;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Retrieval.Embedded;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Tests.Embedded;

/// <summary>The <see cref="ApiKeyStoreContract"/> on the embedded store, and what only SQLite does (its constraint, reopening, older schemas).</summary>
public sealed class SqliteApiKeyStoreTests : ApiKeyStoreContract, IDisposable
{
    private readonly TempDataDirectory _dir = new();
    private readonly EmbeddedStore _store;
    private readonly SqliteApiKeyStore _keys;

    public SqliteApiKeyStoreTests()
    {
        _store = _dir.OpenStore(Clock);
        _keys = new SqliteApiKeyStore(_store);
    }

    protected override IApiKeyStore Keys => _keys;

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_database_itself_allows_one_active_key_per_name()
    {
        await _keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);

        await using var connection = await _store.OpenConnectionAsync(Ct);
        using var insert = connection.CreateCommand();
        insert.CommandText =
            """
            INSERT INTO api_keys (name, hash, prefix, scopes, created_at)
            VALUES ('ops', 'another-hash', 'mdk_x', '["ask"]', '2026-01-01T00:00:00.0000000Z');
            """;
        var error = await Assert.ThrowsAsync<SqliteException>(() => insert.ExecuteNonQueryAsync(Ct));
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task Keys_survive_the_store_being_reopened()
    {
        string path = System.IO.Path.Combine(_dir.Path, "reopened");
        using (var first = _dir.OpenStore(Clock, pooling: false, path: path))
        {
            var keys = new SqliteApiKeyStore(first);
            await keys.CreateAsync(Key("ops", [ApiScopes.Ask, ApiScopes.Ingest]), Ct);
            await keys.CreateAsync(Key("old", [ApiScopes.Admin]), Ct);
            await keys.RevokeAsync("old", Ct);
        }

        using var second = _dir.OpenStore(Clock, pooling: false, path: path);
        var reopened = new SqliteApiKeyStore(second);

        Assert.Equal([ApiScopes.Ask, ApiScopes.Ingest], (await reopened.FindByHashAsync(Hash("ops"), Ct))!.Scopes);
        Assert.NotNull((await reopened.FindByHashAsync(Hash("old"), Ct))!.RevokedAt);
        Assert.Equal(["old", "ops"], (await reopened.ListAsync(Ct)).Select(k => k.Name));
    }

    [Fact]
    public async Task A_store_from_before_keys_gains_the_table_and_keeps_its_answers()
    {
        string path = System.IO.Path.Combine(_dir.Path, "v3");
        string database = EmbeddedStore.DatabasePathIn(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(database)!);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = string.Concat(EmbeddedSchema.Migrations.Take(3)) + """
                PRAGMA user_version = 3;
                INSERT INTO answers (request_id, answer, created_at)
                VALUES ('r1', '{"answer":"Give ORS [1].","model":"extractive"}', '2026-01-01T00:00:00.0000000Z');
                """;
            create.ExecuteNonQuery();
        }
        using var store = _dir.OpenStore(Clock, pooling: false, path: path);
        var keys = new SqliteApiKeyStore(store);

        await keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);

        Assert.NotNull(await keys.FindByHashAsync(Hash("ops"), Ct));
        CitedAnswer? kept = await new SqliteAnswerStore(store).GetAsync("r1", Ct);
        Assert.Equal("Give ORS [1].", kept!.Answer);
    }
}
