using System.Net;
using System.Net.Http.Json;
using Meditron.Cli.Tests.Workers;
using Meditron.Tests.Support;

namespace Meditron.Cli.Tests.Serve;

/// <summary>
/// `meditron serve` in the distributed shape: the API process on real Kestrel hands uploads to a `meditron worker
/// ingestion` process and questions to a `meditron worker generation` process over the real broker, all three on the
/// same data directory and queue prefix.
/// </summary>
public sealed class RabbitMqServeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [BrokerFact(NeedsCorpus = true)]
    public async Task Upload_and_asks_over_real_kestrel_are_done_by_the_ingestion_and_generation_workers()
    {
        byte[] pdf = CholeraTool.Pdf();
        var settings = Broker.Settings(Broker.NewQueuePrefix());
        string data = _dir.Combine("data");
        await using var serve = await ServeProcess.StartAsync(data, settings);
        await using var ingestion = MeditronProcess.StartWorker("ingestion", data, settings);
        await using var generation = MeditronProcess.StartWorker("generation", data, settings);
        // Ready, and the broker check sees the generation worker consuming (without one it says Degraded).
        var ready = await serve.WaitUntilReadyAsync(TimeSpan.FromSeconds(120),
            r => r.GetProperty("checks").TryGetProperty("broker", out var broker) && broker.GetProperty("status").GetString() == "Healthy");
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());

        string id = await DocumentCalls.UploadAndWaitAsync(serve.Client, pdf, CholeraTool.File, CholeraTool.Fields);
        await ingestion.WaitForLineAsync($"Ingesting document {id}", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("Ingesting document", serve.Process.Output, StringComparison.Ordinal);

        using var asked = await serve.Client.PostAsJsonAsync("/v1/ask", new { question = CholeraTool.Question, engine = "extractive" });
        CholeraTool.AssertCited(await ApiAssert.JsonAsync(asked, HttpStatusCode.OK), serve.BaseUrl, id);
        await generation.WaitForLineAsync("Answering request", TimeSpan.FromSeconds(10));

        using var accepted = await serve.Client.PostAsJsonAsync("/v1/ask", new { question = CholeraTool.Question, engine = "extractive", async = true });
        string requestId = (await ApiAssert.JsonAsync(accepted, HttpStatusCode.Accepted)).GetProperty("requestId").GetString()!;
        Assert.Equal($"/v1/answers/{requestId}", accepted.Headers.Location?.OriginalString);
        var later = await AnswerCalls.WaitForAnswerAsync(serve.Client, $"/v1/answers/{requestId}", TimeSpan.FromSeconds(120));
        CholeraTool.AssertCited(later, serve.BaseUrl, id);
        await generation.WaitForLineAsync($"Answering request {requestId}", TimeSpan.FromSeconds(10));

        // Queue depth and consumers, sampled from the broker every 5 s, reach /metrics (the first sample may predate the worker).
        string metrics = "";
        var consuming = new System.Text.RegularExpressions.Regex("meditron_queue_consumers\\{[^}]*queue=\"generate\"[^}]*\\} [1-9]");
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !consuming.IsMatch(metrics) && DateTime.UtcNow < deadline;)
        {
            metrics = await serve.Client.GetStringAsync("/metrics");
            await Task.Delay(500);
        }
        Assert.Contains("meditron_queue_depth", metrics, StringComparison.Ordinal);
        Assert.Matches(consuming, metrics);

        Assert.Equal(0, await serve.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await ingestion.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await generation.StopAsync(TimeSpan.FromSeconds(60)));
    }
}
