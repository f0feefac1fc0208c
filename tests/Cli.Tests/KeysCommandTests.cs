using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Meditron.Retrieval.Embedded;

namespace Meditron.Cli.Tests;

/// <summary>`meditron keys create|list|revoke`, run as an operator would.</summary>
public sealed class KeysCommandTests
{
    private const string SecretPattern = "^mdk_[A-Za-z0-9_-]{43}$";

    [Fact]
    public async Task Create_prints_the_key_alone_on_the_last_line()
    {
        using var dir = new TempDirectory();

        var run = await CliRunner.RunAsync("keys", "create", "--name", "clinic-app", "--scopes", "ask,ingest", "--data", dir.Combine("data"));

        Assert.Equal(0, run.ExitCode);
        string last = Lines(run.Stdout)[^1];
        Assert.Matches(SecretPattern, last);
        Assert.Contains("Created key clinic-app (scopes: ask, ingest). Store it now; it is not shown again.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_json_prints_the_name_scopes_prefix_creation_time_and_key_only()
    {
        using var dir = new TempDirectory();

        var run = await CliRunner.RunAsync("keys", "create", "--name", "ci", "--scopes", "admin, ask", "--data", dir.Combine("data"), "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        Assert.Equal(["name", "scopes", "prefix", "createdAt", "key"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ci", json.GetProperty("name").GetString());
        Assert.Equal(["ask", "admin"], json.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        string key = json.GetProperty("key").GetString()!;
        Assert.Matches(SecretPattern, key);
        Assert.Equal(key[..12], json.GetProperty("prefix").GetString());
        Assert.InRange(json.GetProperty("createdAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task The_store_holds_the_hash_of_the_key_and_never_the_key()
    {
        using var dir = new TempDirectory();
        string key = await CreateAsync(dir, "ops", "ask,admin");

        using (var store = new EmbeddedStore(new EmbeddedStoreOptions { DataDirectory = dir.Combine("data"), Pooling = false }))
        {
            var found = await new SqliteApiKeyStore(store).FindByHashAsync(Sha256(key), CancellationToken.None);
            Assert.Equal("ops", found?.Name);
            Assert.Equal(["ask", "admin"], found!.Scopes);
        }
        foreach (string file in Directory.GetFiles(dir.Combine("data"), "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(key, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task List_shows_the_prefix_but_neither_the_key_nor_its_hash()
    {
        using var dir = new TempDirectory();
        string key = await CreateAsync(dir, "ops", "ask");
        string other = await CreateAsync(dir, "backup", "admin");

        var text = await CliRunner.RunAsync("keys", "list", "--data", dir.Combine("data"));
        var json = await CliRunner.RunAsync("keys", "list", "--data", dir.Combine("data"), "--json");

        Assert.Equal(0, text.ExitCode);
        string[] lines = Lines(text.Stdout);
        Assert.Equal(["name", "prefix", "scopes", "created", "revoked"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        string ops = Assert.Single(lines, l => l.StartsWith("ops ", StringComparison.Ordinal));
        Assert.Contains(key[..12], ops, StringComparison.Ordinal);
        Assert.EndsWith(" -", ops, StringComparison.Ordinal); // not revoked
        Assert.Equal(0, json.ExitCode);
        var keys = json.Json.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(["backup", "ops"], keys.Select(k => k.GetProperty("name").GetString()));
        Assert.Equal(other[..12], keys[0].GetProperty("prefix").GetString());
        Assert.All(keys, k => Assert.False(k.TryGetProperty("hash", out _)));
        foreach (string output in new[] { text.Stdout, text.Stderr, json.Stdout, json.Stderr })
        {
            foreach (string secret in new[] { key, other })
            {
                Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
                Assert.DoesNotContain(Sha256(secret), output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Revoke_then_list_shows_the_key_revoked()
    {
        using var dir = new TempDirectory();
        await CreateAsync(dir, "ops", "ask");
        await CreateAsync(dir, "kept", "ask");

        var revoke = await CliRunner.RunAsync("keys", "revoke", "ops", "--data", dir.Combine("data"));
        var text = await CliRunner.RunAsync("keys", "list", "--data", dir.Combine("data"));
        var json = await CliRunner.RunAsync("keys", "list", "--data", dir.Combine("data"), "--json");

        Assert.Equal(0, revoke.ExitCode);
        Assert.Contains("Revoked key ops.", revoke.Stdout, StringComparison.Ordinal);
        string ops = Assert.Single(Lines(text.Stdout), l => l.StartsWith("ops ", StringComparison.Ordinal));
        Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$", ops);
        var keys = json.Json.GetProperty("keys").EnumerateArray().ToDictionary(k => k.GetProperty("name").GetString()!);
        Assert.Equal(JsonValueKind.String, keys["ops"].GetProperty("revokedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, keys["kept"].GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_fails_with_one_line()
    {
        using var dir = new TempDirectory();
        await CreateAsync(dir, "ops", "ask");

        var run = await CliRunner.RunAsync("keys", "revoke", "nobody", "--data", dir.Combine("data"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        string line = Assert.Single(Lines(run.Stderr));
        Assert.StartsWith("meditron: no active API key named 'nobody'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_name_is_refused_until_its_key_is_revoked()
    {
        using var dir = new TempDirectory();
        await CreateAsync(dir, "ops", "ask");

        var taken = await CliRunner.RunAsync("keys", "create", "--name", "ops", "--scopes", "admin", "--data", dir.Combine("data"));
        await CliRunner.RunAsync("keys", "revoke", "ops", "--data", dir.Combine("data"));
        var reused = await CliRunner.RunAsync("keys", "create", "--name", "ops", "--scopes", "admin", "--data", dir.Combine("data"));

        Assert.Equal(1, taken.ExitCode);
        Assert.Equal(string.Empty, taken.Stdout);
        Assert.Contains("meditron: An active API key named 'ops' already exists", taken.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, reused.ExitCode);
        Assert.Matches(SecretPattern, Lines(reused.Stdout)[^1]);
    }

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["--name", "ops", "--scopes", "read"], "--scopes takes one or more of ask, ingest, admin, separated by commas (got 'read')" },
        { ["--name", "ops", "--scopes", "ask,Admin"], "--scopes takes one or more of ask, ingest, admin, separated by commas (got 'ask,Admin')" },
        { ["--name", "ops", "--scopes", ","], "--scopes takes one or more of ask, ingest, admin" },
        { ["--name", "clinic app", "--scopes", "ask"], "--name takes 1 to 64 letters, digits, '.', '_' or '-' (got 'clinic app')" },
        { ["--scopes", "ask"], "Option '--name' is required" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_bad_scope_or_name_is_a_usage_error(string[] args, string expected)
    {
        using var dir = new TempDirectory();

        var run = await CliRunner.RunAsync(["keys", "create", .. args, "--data", dir.Combine("data"), "--json"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("meditron: " + expected, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'meditron keys create --help' for usage.", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("data")), "a rejected command line touched the data directory");
    }

    [Fact]
    public async Task List_and_revoke_without_a_store_say_so_and_create_none()
    {
        using var dir = new TempDirectory();
        string typo = dir.Combine("dta");

        var list = await CliRunner.RunAsync("keys", "list", "--data", typo, "--json");
        var revoke = await CliRunner.RunAsync("keys", "revoke", "ops", "--data", typo);

        Assert.Equal(4, list.ExitCode);
        Assert.Equal(string.Empty, list.Stdout);
        Assert.Contains("There is no store in " + typo, list.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, revoke.ExitCode);
        Assert.Contains("no active API key named 'ops'", revoke.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(typo), "listing or revoking created the data directory");
    }

    private static async Task<string> CreateAsync(TempDirectory dir, string name, string scopes)
    {
        var run = await CliRunner.RunAsync("keys", "create", "--name", name, "--scopes", scopes, "--data", dir.Combine("data"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        return Lines(run.Stdout)[^1];
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
