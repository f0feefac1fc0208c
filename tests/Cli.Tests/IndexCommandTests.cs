using System.Text.Json;
using Meditron.Retrieval.Embedded;

namespace Meditron.Cli.Tests;

/// <summary>`meditron index init` on the embedded shape; the Qdrant side is covered by the Qdrant contract tests.</summary>
public sealed class IndexCommandTests
{
    [Fact]
    public async Task Init_creates_the_embedded_store_and_says_where()
    {
        using var dir = new TempDirectory();
        string data = dir.Combine("data");

        var run = await CliRunner.RunAsync("index", "init", "--data", data);

        Assert.Equal(0, run.ExitCode);
        string database = EmbeddedStore.DatabasePathIn(data);
        Assert.True(File.Exists(database));
        Assert.Equal($"Index ready: embedded store at {database}", run.Stdout.Trim());
    }

    [Fact]
    public async Task Init_is_safe_to_repeat_and_prints_one_json_document()
    {
        using var dir = new TempDirectory();
        string data = dir.Combine("data");
        Assert.Equal(0, (await CliRunner.RunAsync("index", "init", "--data", data)).ExitCode);

        var run = await CliRunner.RunAsync("index", "init", "--data", data, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        Assert.Equal(["provider", "location", "collection"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Embedded", json.GetProperty("provider").GetString());
        Assert.Equal(EmbeddedStore.DatabasePathIn(data), json.GetProperty("location").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("collection").ValueKind);
    }

    [Fact]
    public async Task Init_against_a_qdrant_server_that_cannot_be_reached_fails_with_one_line()
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            // Nothing listens on port 1.
            ["MEDITRON_Index__Provider"] = "Qdrant",
            ["MEDITRON_Index__Qdrant__Endpoint"] = "http://127.0.0.1:1",
            ["MEDITRON_Index__Qdrant__TimeoutSeconds"] = "2",
            ["MEDITRON_Index__Qdrant__TransientRetries"] = "0",
        };

        var run = await CliRunner.RunAsync(environment, "index", "init", "--data", dir.Combine("data"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("meditron: ", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout.Trim());
    }
}
