using System.Net;
using System.Text.Json;

namespace Meditron.Cli.Tests.Workers;

/// <summary>`meditron worker ROLE --health-urls URL`: the probe endpoints Kubernetes calls, on real worker processes and a real broker.</summary>
public sealed class WorkerHealthTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    [BrokerFact]
    public async Task Both_workers_answer_healthz_and_are_ready_once_they_consume_their_queue()
    {
        var settings = Broker.Settings(Broker.NewQueuePrefix());
        string ingestionUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        string generationUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";

        await using var ingestion = MeditronProcess.Start(["worker", "ingestion", "--data", _dir.Combine("ingestion"), "--health-urls", ingestionUrl, "--verbose"], settings);
        await using var generation = MeditronProcess.Start(["worker", "generation", "--data", _dir.Combine("generation"), "--health-urls", generationUrl, "--verbose"], settings);

        foreach (var (worker, url) in new[] { (ingestion, ingestionUrl), (generation, generationUrl) })
        {
            await worker.WaitForLineAsync("probes /healthz and /readyz on " + url, TimeSpan.FromSeconds(60));
            using var alive = await _http.GetAsync(new Uri(url + "/healthz"));
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

            var ready = await ReadyAsync(url, TimeSpan.FromSeconds(60));
            Assert.Equal("Healthy", ready.GetProperty("status").GetString());
            Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("consumer").GetProperty("status").GetString());
            Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
            // Only the probes: a worker serves no API on that port.
            using var other = await _http.GetAsync(new Uri(url + "/v1/documents"));
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        Assert.Equal(0, await ingestion.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await generation.StopAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_worker_with_health_urls_but_no_broker_still_refuses_to_start()
    {
        int port = LoopbackPort.Free();

        var run = await CliRunner.RunAsync("worker", "generation", "--data", _dir.Combine("data"), "--health-urls", $"http://127.0.0.1:{port}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Messaging:Transport=RabbitMq", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("probes", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Polls /readyz until it answers 200 (the consumer starts just after the host), returning its body.</summary>
    private async Task<JsonElement> ReadyAsync(string url, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await _http.GetAsync(new Uri(url + "/readyz"));
            string body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"/readyz answered {(int)response.StatusCode}: {body}");
                return JsonDocument.Parse(body).RootElement.Clone();
            }
            await Task.Delay(250);
        }
    }
}
