using Meditron.Core.Access;
using Meditron.Core.Generation;
using Meditron.Retrieval.Embedded;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Tests.Embedded;

public sealed class SqliteApiKeyStoreTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();
    private readonly ManualClock _clock = new();
    private readonly EmbeddedStore _store;
    private readonly SqliteApiKeyStore _keys;

    public SqliteApiKeyStoreTests()
    {
        _store = _dir.OpenStore(_clock);
        _keys = new SqliteApiKeyStore(_store);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Create_then_find_by_hash_round_trips_every_field()
    {
        var key = Key("ops", [ApiScopes.Ask, ApiScopes.Admin]) with
        {
            CreatedAt = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.FromHours(2)).AddTicks(1234567),
            LastUsedAt = new DateTimeOffset(2026, 2, 4, 0, 0, 0, TimeSpan.Zero),
        };

        await _keys.CreateAsync(key, Ct);
        var found = await _keys.FindByHashAsync(key.Hash, Ct);

        Assert.NotNull(found);
        Assert.Equal((key.Name, key.Hash, key.Prefix, key.CreatedAt, key.RevokedAt, key.LastUsedAt),
            (found.Name, found.Hash, found.Prefix, found.CreatedAt, found.RevokedAt, found.LastUsedAt));
        Assert.Equal(key.Scopes, found.Scopes);
    }

    [Fact]
    public async Task A_key_without_a_creation_time_is_stamped_with_the_store_clock()
    {
        await _keys.CreateAsync(Key("ci", [ApiScopes.Ingest]), Ct);

        var found = await _keys.FindByHashAsync(Hash("ci"), Ct);

        Assert.Equal(_clock.GetUtcNow(), found!.CreatedAt);
    }

    [Fact]
    public async Task An_unknown_hash_is_not_found()
    {
        await _keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);

        Assert.Null(await _keys.FindByHashAsync(Hash("someone-else"), Ct));
    }

    [Fact]
    public async Task List_holds_every_key_by_name_revoked_ones_included()
    {
        await _keys.CreateAsync(Key("zeta", [ApiScopes.Ask]), Ct);
        await _keys.CreateAsync(Key("alpha", [ApiScopes.Ingest]), Ct);
        await _keys.CreateAsync(Key("Mid", [ApiScopes.Admin]), Ct);
        Assert.True(await _keys.RevokeAsync("zeta", Ct));

        var listed = await _keys.ListAsync(Ct);

        Assert.Equal(["Mid", "alpha", "zeta"], listed.Select(k => k.Name)); // ordinal: capitals first
        Assert.NotNull(listed.Single(k => k.Name == "zeta").RevokedAt);
        Assert.Equal([ApiScopes.Ingest], listed.Single(k => k.Name == "alpha").Scopes);
    }

    [Fact]
    public async Task Revoke_stamps_the_key_and_a_second_revoke_finds_no_active_key()
    {
        await _keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);
        var revokedAt = _clock.Advance(TimeSpan.FromHours(1));

        Assert.True(await _keys.RevokeAsync("ops", Ct));
        Assert.False(await _keys.RevokeAsync("ops", Ct));

        var found = await _keys.FindByHashAsync(Hash("ops"), Ct);
        Assert.Equal(revokedAt, found!.RevokedAt);
        Assert.True(found.IsRevoked);
    }

    [Fact]
    public async Task Revoking_an_unknown_name_changes_nothing()
    {
        await _keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);

        Assert.False(await _keys.RevokeAsync("nobody", Ct));
        Assert.Null((await _keys.FindByHashAsync(Hash("ops"), Ct))!.RevokedAt);
    }

    [Fact]
    public async Task A_second_active_key_with_the_same_name_is_refused()
    {
        await _keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);

        var error = await Assert.ThrowsAsync<ApiKeyNameTakenException>(() => _keys.CreateAsync(Key("ops", [ApiScopes.Admin], secret: "other"), Ct));

        Assert.Equal("ops", error.Name);
        Assert.Contains("'ops'", error.Message, StringComparison.Ordinal);
        Assert.Null(await _keys.FindByHashAsync(Hash("other"), Ct));
        Assert.Single(await _keys.ListAsync(Ct));
    }

    [Fact]
    public async Task A_revoked_name_may_be_given_to_a_new_key()
    {
        await _keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);
        await _keys.RevokeAsync("ops", Ct);

        await _keys.CreateAsync(Key("ops", [ApiScopes.Admin], secret: "second"), Ct);

        var listed = await _keys.ListAsync(Ct);
        Assert.Equal(2, listed.Count);
        Assert.Single(listed, k => k.RevokedAt is null);
        Assert.Null((await _keys.FindByHashAsync(Hash("second"), Ct))!.RevokedAt);
        Assert.NotNull((await _keys.FindByHashAsync(Hash("ops"), Ct))!.RevokedAt);
        // Revoking the name now revokes the new key; the old one stays revoked.
        Assert.True(await _keys.RevokeAsync("ops", Ct));
        Assert.All(await _keys.ListAsync(Ct), k => Assert.NotNull(k.RevokedAt));
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
        using (var first = _dir.OpenStore(_clock, pooling: false, path: path))
        {
            var keys = new SqliteApiKeyStore(first);
            await keys.CreateAsync(Key("ops", [ApiScopes.Ask, ApiScopes.Ingest]), Ct);
            await keys.CreateAsync(Key("old", [ApiScopes.Admin]), Ct);
            await keys.RevokeAsync("old", Ct);
        }

        using var second = _dir.OpenStore(_clock, pooling: false, path: path);
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
        using var store = _dir.OpenStore(_clock, pooling: false, path: path);
        var keys = new SqliteApiKeyStore(store);

        await keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);

        Assert.NotNull(await keys.FindByHashAsync(Hash("ops"), Ct));
        CitedAnswer? kept = await new SqliteAnswerStore(store).GetAsync("r1", Ct);
        Assert.Equal("Give ORS [1].", kept!.Answer);
    }

    /// <summary>A key whose secret is <paramref name="secret"/> (default: its name), hashed as the service hashes.</summary>
    private static ApiKeyRecord Key(string name, string[] scopes, string? secret = null) => new()
    {
        Name = name,
        Hash = Hash(secret ?? name),
        Scopes = scopes,
        Prefix = $"mdk_{name}"[..Math.Min(12, name.Length + 4)],
    };

    private static string Hash(string secret) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
