using Meditron.Core.Access;
using Meditron.Core.Ports;

namespace Meditron.Tests.Contracts;

/// <summary>
/// What every <see cref="IApiKeyStore"/> promises, run on each provider by a subclass that builds <see cref="Keys"/> on
/// an empty store whose clock is <see cref="Clock"/>.
/// </summary>
public abstract class ApiKeyStoreContract
{
    protected ManualClock Clock { get; } = new();

    protected abstract IApiKeyStore Keys { get; }

    protected static CancellationToken Ct => CancellationToken.None;

    [SkippableFact]
    public async Task Create_then_find_by_hash_round_trips_every_field()
    {
        var key = Key("ops", [ApiScopes.Ask, ApiScopes.Admin]) with
        {
            // Whole microseconds: PostgreSQL's timestamptz keeps microseconds, not ticks (SQLite keeps ticks).
            CreatedAt = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.FromHours(2)).AddTicks(1234560),
            LastUsedAt = new DateTimeOffset(2026, 2, 4, 0, 0, 0, TimeSpan.Zero),
        };

        await Keys.CreateAsync(key, Ct);
        var found = await Keys.FindByHashAsync(key.Hash, Ct);

        Assert.NotNull(found);
        Assert.Equal((key.Name, key.Hash, key.Prefix, key.CreatedAt, key.RevokedAt, key.LastUsedAt),
            (found.Name, found.Hash, found.Prefix, found.CreatedAt, found.RevokedAt, found.LastUsedAt));
        Assert.Equal(key.Scopes, found.Scopes);
    }

    [SkippableFact]
    public async Task A_key_without_a_creation_time_is_stamped_with_the_store_clock()
    {
        await Keys.CreateAsync(Key("ci", [ApiScopes.Ingest]), Ct);

        var found = await Keys.FindByHashAsync(Hash("ci"), Ct);

        Assert.Equal(Clock.GetUtcNow(), found!.CreatedAt);
    }

    [SkippableFact]
    public async Task An_unknown_hash_is_not_found()
    {
        await Keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);

        Assert.Null(await Keys.FindByHashAsync(Hash("someone-else"), Ct));
    }

    [SkippableFact]
    public async Task List_holds_every_key_by_name_revoked_ones_included()
    {
        await Keys.CreateAsync(Key("zeta", [ApiScopes.Ask]), Ct);
        await Keys.CreateAsync(Key("alpha", [ApiScopes.Ingest]), Ct);
        await Keys.CreateAsync(Key("Mid", [ApiScopes.Admin]), Ct);
        Assert.True(await Keys.RevokeAsync("zeta", Ct));

        var listed = await Keys.ListAsync(Ct);

        Assert.Equal(["Mid", "alpha", "zeta"], listed.Select(k => k.Name)); // ordinal: capitals first
        Assert.NotNull(listed.Single(k => k.Name == "zeta").RevokedAt);
        Assert.Equal([ApiScopes.Ingest], listed.Single(k => k.Name == "alpha").Scopes);
    }

    [SkippableFact]
    public async Task Revoke_stamps_the_key_and_a_second_revoke_finds_no_active_key()
    {
        await Keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);
        var revokedAt = Clock.Advance(TimeSpan.FromHours(1));

        Assert.True(await Keys.RevokeAsync("ops", Ct));
        Assert.False(await Keys.RevokeAsync("ops", Ct));

        var found = await Keys.FindByHashAsync(Hash("ops"), Ct);
        Assert.Equal(revokedAt, found!.RevokedAt);
        Assert.True(found.IsRevoked);
    }

    [SkippableFact]
    public async Task Revoking_an_unknown_name_changes_nothing()
    {
        await Keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);

        Assert.False(await Keys.RevokeAsync("nobody", Ct));
        Assert.Null((await Keys.FindByHashAsync(Hash("ops"), Ct))!.RevokedAt);
    }

    [SkippableFact]
    public async Task A_second_active_key_with_the_same_name_is_refused()
    {
        await Keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);

        var error = await Assert.ThrowsAsync<ApiKeyNameTakenException>(() => Keys.CreateAsync(Key("ops", [ApiScopes.Admin], secret: "other"), Ct));

        Assert.Equal("ops", error.Name);
        Assert.Contains("'ops'", error.Message, StringComparison.Ordinal);
        Assert.Null(await Keys.FindByHashAsync(Hash("other"), Ct));
        Assert.Single(await Keys.ListAsync(Ct));
    }

    [SkippableFact]
    public async Task Keys_of_one_name_created_at_once_leave_one_and_refuse_the_others()
    {
        var creations = Enumerable.Range(0, 6).Select(i => Task.Run(() => Keys.CreateAsync(Key("ops", [ApiScopes.Ask], secret: $"s{i}"), Ct))).ToList();

        try
        {
            await Task.WhenAll(creations);
        }
        catch (ApiKeyNameTakenException)
        {
            // Expected for all but one; each task is checked below.
        }

        Assert.Equal(1, creations.Count(t => t.IsCompletedSuccessfully));
        Assert.All(creations.Where(t => !t.IsCompletedSuccessfully), t => Assert.IsType<ApiKeyNameTakenException>(t.Exception!.InnerException));
        Assert.Single(await Keys.ListAsync(Ct));
    }

    [SkippableFact]
    public async Task A_revoked_name_may_be_given_to_a_new_key()
    {
        await Keys.CreateAsync(Key("ops", [ApiScopes.Ask]), Ct);
        await Keys.RevokeAsync("ops", Ct);

        await Keys.CreateAsync(Key("ops", [ApiScopes.Admin], secret: "second"), Ct);

        var listed = await Keys.ListAsync(Ct);
        Assert.Equal(2, listed.Count);
        Assert.Single(listed, k => k.RevokedAt is null);
        Assert.Null((await Keys.FindByHashAsync(Hash("second"), Ct))!.RevokedAt);
        Assert.NotNull((await Keys.FindByHashAsync(Hash("ops"), Ct))!.RevokedAt);
        // Revoking the name now revokes the new key; the old one stays revoked.
        Assert.True(await Keys.RevokeAsync("ops", Ct));
        Assert.All(await Keys.ListAsync(Ct), k => Assert.NotNull(k.RevokedAt));
    }

    /// <summary>A key whose secret is <paramref name="secret"/> (default: its name), hashed as the service hashes.</summary>
    protected static ApiKeyRecord Key(string name, string[] scopes, string? secret = null) => new()
    {
        Name = name,
        Hash = Hash(secret ?? name),
        Scopes = scopes,
        Prefix = $"mdk_{name}"[..Math.Min(12, name.Length + 4)],
    };

    protected static string Hash(string secret) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
