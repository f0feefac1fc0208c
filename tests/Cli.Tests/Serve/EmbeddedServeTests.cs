using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Meditron.Tests.Support;

namespace Meditron.Cli.Tests.Serve;

/// <summary>
/// `meditron serve` in the embedded shape, as a separate process on real Kestrel: it indexes uploads and answers in
/// its own process, and is called over HTTP the way a chatbot or an EHR would call it.
/// </summary>
public sealed class EmbeddedServeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [CorpusFact]
    public async Task Upload_then_ask_over_real_kestrel_cites_pages_with_working_links()
    {
        byte[] pdf = CholeraTool.Pdf();
        // In process whatever the shell exports (the README suggests exporting the RabbitMQ settings).
        var environment = new Dictionary<string, string> { ["MEDITRON_Messaging__Transport"] = "InProcess" };
        await using var serve = await ServeProcess.StartAsync(_dir.Combine("data"), environment);
        var ready = await serve.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.False(ready.GetProperty("checks").TryGetProperty("broker", out _), ready.ToString());

        string id = await DocumentCalls.UploadAndWaitAsync(serve.Client, pdf, CholeraTool.File, CholeraTool.Fields);
        using var asked = await serve.Client.PostAsJsonAsync("/v1/ask", new { question = CholeraTool.Question, engine = "extractive" });
        var answer = await ApiAssert.JsonAsync(asked, HttpStatusCode.OK);

        CholeraTool.AssertCited(answer, serve.BaseUrl, id);
        foreach (string link in answer.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("url").GetString()!.Split('#')[0]).Distinct())
        {
            using var content = await serve.Client.GetAsync(new Uri(link));
            Assert.Equal(HttpStatusCode.OK, content.StatusCode);
            Assert.Equal("application/pdf", content.Content.Headers.ContentType?.MediaType);
            Assert.Equal(pdf, await content.Content.ReadAsByteArrayAsync());
        }

        // The same question as Server-Sent Events: the draft in delta events, then the checked answer once.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/ask") { Content = JsonContent.Create(new { question = CholeraTool.Question, engine = "extractive" }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var streamed = await serve.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType?.MediaType);
        var events = await ServerSentEvents.ReadAsync(await streamed.Content.ReadAsStreamAsync());
        Assert.Equal("answer", events[^1].Type);
        Assert.NotEmpty(events.SkipLast(1));
        Assert.All(events.SkipLast(1), e => Assert.Equal("delta", e.Type));
        var final = JsonDocument.Parse(events[^1].Data).RootElement;
        CholeraTool.AssertCited(final, serve.BaseUrl, id);
        Assert.Equal(answer.GetProperty("answer").GetString(), final.GetProperty("answer").GetString());
        Assert.Equal(answer.GetProperty("citations").ToString(), final.GetProperty("citations").ToString());

        // SIGTERM, as Kubernetes stops a pod: a graceful stop, exit code 0.
        Assert.Equal(0, await serve.StopAsync(TimeSpan.FromSeconds(60)));
    }
}
