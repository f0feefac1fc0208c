using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Meditron.Application.Access;
using Meditron.Core.Access;
using Meditron.Core.Ports;
using Meditron.Retrieval.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Application.Tests.Access;

public sealed partial class ApiKeyServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly FixedClock _clock = new(Now);
    private readonly InMemoryApiKeyStore _store;
    private readonly RecordingLogger<ApiKeyService> _log = new();
    private readonly ApiKeyService _service;

    public ApiKeyServiceTests()
    {
        _store = new InMemoryApiKeyStore(_clock);
        _service = new ApiKeyService(_store, _clock, _log);
    }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_secret_is_mdk_and_32_random_bytes_in_base64url_without_padding()
    {
        var (_, first) = await _service.CreateAsync("one", [ApiScopes.Ask], Ct);
        var (_, second) = await _service.CreateAsync("two", [ApiScopes.Ask], Ct);

        Assert.Matches(SecretPattern(), first);
        Assert.Equal(32, Convert.FromBase64String(ToBase64(first["mdk_".Length..])).Length);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Only_the_hash_of_the_secret_is_stored()
    {
        var (record, secret) = await _service.CreateAsync("ops", [ApiScopes.Ask, ApiScopes.Admin], Ct);

        var stored = Assert.Single(_store.Keys);
        Assert.Equal(record, stored);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), stored.Hash);
        Assert.Matches("^[0-9a-f]{64}$", stored.Hash);
        Assert.Equal(secret[..12], stored.Prefix);
        Assert.Equal(Now, stored.CreatedAt);
        Assert.Null(stored.RevokedAt);
        string[] fields = [stored.Name, stored.Hash, stored.Prefix, .. stored.Scopes];
        Assert.DoesNotContain(fields, f => f.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scopes_are_kept_once_each_in_the_order_of_all_scopes()
    {
        var (record, _) = await _service.CreateAsync("ops", [ApiScopes.Admin, ApiScopes.Ask, ApiScopes.Admin], Ct);

        Assert.Equal([ApiScopes.Ask, ApiScopes.Admin], record.Scopes);
    }

    [Fact]
    public async Task The_created_secret_authenticates_its_key()
    {
        var (record, secret) = await _service.CreateAsync("ops", [ApiScopes.Ingest], Ct);

        var key = await _service.AuthenticateAsync(secret, Ct);

        Assert.NotNull(key);
        Assert.Equal(record.Hash, key.Hash);
        Assert.Equal("ops", key.Name);
    }

    [Fact]
    public async Task Admin_scope_does_not_bring_ask()
    {
        var (_, secret) = await _service.CreateAsync("admin-only", [ApiScopes.Admin], Ct);

        var key = await _service.AuthenticateAsync(secret, Ct);

        Assert.Equal([ApiScopes.Admin], key!.Scopes);
        Assert.DoesNotContain(ApiScopes.Ask, key.Scopes);
    }

    [Fact]
    public async Task Revoked_key_is_not_found()
    {
        var (_, secret) = await _service.CreateAsync("ops", [ApiScopes.Ask], Ct);

        Assert.True(await _service.RevokeAsync("ops", Ct));

        Assert.Null(await _service.AuthenticateAsync(secret, Ct));
        Assert.Equal(Now, Assert.Single(await _service.ListAsync(Ct)).RevokedAt);
    }

    [Fact]
    public async Task Unknown_key_is_not_found()
    {
        var (_, secret) = await _service.CreateAsync("ops", [ApiScopes.Ask], Ct);

        Assert.Null(await _service.AuthenticateAsync(secret + "x", Ct));
        Assert.Null(await _service.AuthenticateAsync(ApiKeySecrets.Generate(), Ct));
        Assert.Null(await _service.AuthenticateAsync(secret.ToUpperInvariant(), Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task No_key_is_not_found_and_not_looked_up(string? presented)
    {
        await _service.CreateAsync("ops", [ApiScopes.Ask], Ct);

        Assert.Null(await _service.AuthenticateAsync(presented, Ct));
        Assert.Equal(0, _store.Lookups);
    }

    [Fact]
    public async Task The_secret_is_never_logged()
    {
        var (_, secret) = await _service.CreateAsync("ops", [ApiScopes.Ask], Ct);
        await _service.AuthenticateAsync(secret, Ct);
        await _service.AuthenticateAsync(secret + "x", Ct);
        await _service.RevokeAsync("ops", Ct);
        await _service.AuthenticateAsync(secret, Ct);

        Assert.NotEmpty(_log.Lines);
        Assert.DoesNotContain(_log.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Lines, l => l.Contains(secret[12..20], StringComparison.Ordinal));
    }

    public static TheoryData<string> BadNames => new()
    {
        "",
        "has space",
        "ops\n",
        "ops/1",
        "clinic-é",
        new string('a', 65),
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_name_outside_the_allowed_characters_and_length_is_refused(string name)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _service.CreateAsync(name, [ApiScopes.Ask], Ct));

        Assert.Equal("name", error.ParamName);
        Assert.StartsWith("A key name is 1 to 64 letters, digits, '.', '_' or '-'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Keys);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Clinic.Bangui_2026-ops")]
    public async Task Names_of_letters_digits_dots_underscores_and_hyphens_are_accepted(string name)
    {
        var (record, _) = await _service.CreateAsync(name, [ApiScopes.Ask], Ct);

        Assert.Equal(name, record.Name);
        Assert.Equal(name, Assert.Single(_store.Keys).Name);
    }

    [Fact]
    public async Task A_name_of_64_characters_is_accepted()
    {
        string name = new('n', 64);

        var (record, _) = await _service.CreateAsync(name, [ApiScopes.Ask], Ct);

        Assert.Equal(64, record.Name.Length);
    }

    public static TheoryData<string[], string> BadScopes => new()
    {
        { [], "A key needs at least one scope: ask, ingest, admin." },
        { ["read"], "Unknown scope 'read': the scopes are ask, ingest, admin." },
        { ["ask", "root"], "Unknown scope 'root'" },
        { ["ASK"], "Unknown scope 'ASK'" },
    };

    [Theory]
    [MemberData(nameof(BadScopes))]
    public async Task Scopes_must_be_given_and_known(string[] scopes, string expected)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _service.CreateAsync("ops", scopes, Ct));

        Assert.Equal("scopes", error.ParamName);
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Keys);
    }

    [Fact]
    public async Task Revoking_a_name_with_no_active_key_returns_false()
    {
        await _service.CreateAsync("ops", [ApiScopes.Ask], Ct);

        Assert.False(await _service.RevokeAsync("nobody", Ct));
        Assert.Null(Assert.Single(_store.Keys).RevokedAt);
    }

    [Fact]
    public async Task Through_the_host_keys_live_in_the_data_directory_store()
    {
        await using var host = await TestHost.StartAsync();
        var service = host.Services.GetRequiredService<ApiKeyService>();

        var (_, secret) = await service.CreateAsync("ops", [ApiScopes.Ask], Ct);
        await Assert.ThrowsAsync<ApiKeyNameTakenException>(() => service.CreateAsync("ops", [ApiScopes.Admin], Ct));

        Assert.IsType<SqliteApiKeyStore>(host.Services.GetRequiredService<IApiKeyStore>());
        Assert.Equal("ops", (await service.AuthenticateAsync(secret, Ct))?.Name);
        Assert.True(File.Exists(EmbeddedStore.DatabasePathIn(Path.GetDirectoryName(host.File("x"))!)));
        Assert.True(await service.RevokeAsync("ops", Ct));
        Assert.Null(await service.AuthenticateAsync(secret, Ct));
    }

    private static string ToBase64(string base64Url)
    {
        string s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }

    [GeneratedRegex("^mdk_[A-Za-z0-9_-]{43}$")]
    private static partial Regex SecretPattern();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
