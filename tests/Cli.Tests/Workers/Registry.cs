using System.Text.Json;

namespace Meditron.Cli.Tests.Workers;

/// <summary>The registry as `meditron documents --json` shows it, polled while workers move documents along.</summary>
internal static class Registry
{
    public static async Task<IReadOnlyDictionary<string, JsonElement>> DocumentsAsync(string dataDirectory)
    {
        var run = await CliRunner.RunAsync("documents", "--data", dataDirectory, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Json.GetProperty("documents").EnumerateArray().ToDictionary(d => d.GetProperty("file").GetString()!, d => d.Clone());
    }

    /// <summary>Waits until every one of <paramref name="count"/> documents is indexed or failed.</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> SettledAsync(string dataDirectory, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyDictionary<string, JsonElement> documents = new Dictionary<string, JsonElement>();
        while (DateTime.UtcNow < deadline)
        {
            documents = await DocumentsAsync(dataDirectory);
            if (documents.Count == count && documents.Values.All(d => d.GetProperty("status").GetString() is "indexed" or "failed"))
            {
                return documents;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        string states = string.Join(", ", documents.Select(d => $"{d.Key}: {d.Value.GetProperty("status").GetString()}"));
        throw new TimeoutException($"The documents did not settle within {timeout.TotalSeconds} s: {states}");
    }
}
