using System.Net;
using System.Text.Json;

namespace Meditron.Cli.Tests.Serve;

/// <summary>
/// `meditron serve --data DIR --urls http://127.0.0.1:PORT` as a separate process on real Kestrel, after
/// `meditron keys create` has made a key with every scope in that data directory, and a client that sends the key.
/// Disposing kills the process if it still runs.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private ServeProcess(MeditronProcess process, string baseUrl, string key)
    {
        Process = process;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(120) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", key);
    }

    public MeditronProcess Process { get; }

    /// <summary>http://127.0.0.1:PORT, the address the citations' links must point to.</summary>
    public string BaseUrl { get; }

    /// <summary>Sends the key (scopes ask, ingest and admin) with every request.</summary>
    public HttpClient Client { get; }

    /// <summary>Creates the key (and with it the store, which workers started afterwards then share) and starts serving.</summary>
    /// <param name="keyStoreEnvironment">Settings that put the key somewhere else than the data directory (the shared PostgreSQL).</param>
    public static async Task<ServeProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string>? keyStoreEnvironment = null)
    {
        var created = await CliRunner.RunAsync(keyStoreEnvironment ?? new Dictionary<string, string>(),
            "keys", "create", "--name", "e2e", "--scopes", "ask,ingest,admin", "--data", dataDirectory);
        Assert.True(created.ExitCode == 0, created.Stderr);
        string key = created.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        string baseUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        return new ServeProcess(MeditronProcess.Start(["serve", "--data", dataDirectory, "--urls", baseUrl], environment), baseUrl, key);
    }

    /// <summary>Polls GET /readyz until it answers 200 with a body that <paramref name="until"/> accepts; returns that body.</summary>
    public async Task<JsonElement> WaitUntilReadyAsync(TimeSpan timeout, Func<JsonElement, bool>? until = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (true)
        {
            Assert.True(Process.ExitCode is null, $"meditron serve exited with {Process.ExitCode} before it was ready. Its output:\n{Process.Output}");
            try
            {
                using var response = await Client.GetAsync("/readyz");
                string body = await response.Content.ReadAsStringAsync();
                var ready = JsonDocument.Parse(body).RootElement;
                if (response.StatusCode == HttpStatusCode.OK && (until is null || until(ready)))
                {
                    return ready;
                }
                last = $"{(int)response.StatusCode} {body}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message; // not listening yet
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"meditron serve was not ready within {timeout.TotalSeconds} s (last: {last}). Its output:\n{Process.Output}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>SIGTERM; returns the exit code.</summary>
    public Task<int> StopAsync(TimeSpan timeout) => Process.StopAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }
}
