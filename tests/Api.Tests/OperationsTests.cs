using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Meditron.Core.Access;
using Meditron.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meditron.Api.Tests;

/// <summary>What an operator relies on: probes, metrics, the reference, rate limits, CORS and the audit log.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task Readyz_names_the_store_and_index_and_is_503_naming_a_missing_model()
    {
        await using (var api = new ApiFactory())
        {
            using var client = api.CreateClient();
            var ready = await ApiAssert.JsonAsync(await client.GetAsync("/readyz"), HttpStatusCode.OK);
            Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
            Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("index").GetProperty("status").GetString());
        }

        await using var withoutModel = ApiFactory.With(new Dictionary<string, string?>
        {
            ["Generation:Engine"] = "LlamaSharp",
            ["Generation:Llama:ModelPath"] = "/nonexistent/meditron-7b.Q4_K_M.gguf",
        });
        using var probe = withoutModel.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz")).StatusCode); // the process is up all the same
        var notReady = await ApiAssert.JsonAsync(await probe.GetAsync("/readyz"), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", notReady.GetProperty("status").GetString());
        var model = notReady.GetProperty("checks").GetProperty("model");
        Assert.Equal("Unhealthy", model.GetProperty("status").GetString());
        Assert.Contains("meditron-7b.Q4_K_M.gguf", model.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_against_an_index_of_another_embedding_model_is_503_naming_both_models()
    {
        await using var built = new ApiFactory();
        using (var admin = await built.AllScopesClientAsync())
        {
            await DocumentCalls.UploadAndWaitAsync(admin, GuidelineFixture.Cholera, "cholera.pdf");
        }

        // The same data directory, read with another embedding configuration (an e5-style query prefix).
        await using var other = ApiFactory.With(new Dictionary<string, string?>
        {
            ["Data:Directory"] = built.DataDirectory,
            ["Embedding:QueryPrefix"] = "query: ",
        });
        using var client = await other.AskClientAsync();

        var response = await client.PostAsJsonAsync("/v1/search", new { query = "cholera rehydration" });

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("all-MiniLM-L6-v2", detail, StringComparison.Ordinal);
        Assert.Contains("query: ", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_show_request_latency_per_route_pages_indexed_and_answers_by_outcome()
    {
        await using var api = new ApiFactory();
        using var client = await api.AllScopesClientAsync();
        await DocumentCalls.UploadAndWaitAsync(client, SmallPdfs.Guideline("Cholera", "Give oral rehydration salts to every patient with diarrhoea."), "cholera.pdf");
        (await client.PostAsJsonAsync("/v1/ask", new { question = "What do I give a patient with cholera diarrhoea?", engine = "extractive" })).EnsureSuccessStatusCode();

        string metrics = "";
        // The exporter collects on scrape; the ask's counters are recorded when its response ends.
        for (int i = 0; i < 20 && !metrics.Contains("meditron_answers", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            metrics = await client.GetStringAsync("/metrics");
        }
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/v1/ask\"", metrics, StringComparison.Ordinal);
        Assert.Contains("meditron_ingestion_pages", metrics, StringComparison.Ordinal);
        Assert.Contains("meditron_answers", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"answered\"", metrics, StringComparison.Ordinal);
        Assert.Contains("meditron_generation_tokens", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_and_docs_serves_the_reference()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (string path in new[] { "/v1/ask", "/v1/answers/{requestId}", "/v1/search", "/v1/documents", "/v1/documents/{documentId}", "/v1/documents/{documentId}/content", "/v1/keys" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }
        string docs = await client.GetStringAsync("/docs");
        Assert.Contains("<html", docs, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("openapi/v1.json", docs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after_and_other_keys_are_not_held()
    {
        await using var api = ApiFactory.With(new Dictionary<string, string?> { ["Api:RequestsPerSecond"] = "1", ["Api:RequestBurst"] = "3" });
        using var busy = await api.AskClientAsync();
        using var other = await api.AskClientAsync();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 6; i++)
        {
            statuses.Add((await busy.GetAsync("/v1/documents")).StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        using var limited = await busy.GetAsync("/v1/documents");
        var problem = await ApiAssert.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/healthz")).StatusCode); // probes are not limited
        _ = problem;
    }

    [Fact]
    public async Task Cors_allows_only_the_configured_origins()
    {
        await using var api = ApiFactory.With(new Dictionary<string, string?> { ["Api:CorsOrigins:0"] = "https://bot.example.org" });
        using var client = api.CreateClient();
        using var allowed = new HttpRequestMessage(HttpMethod.Options, "/v1/ask");
        allowed.Headers.Add("Origin", "https://bot.example.org");
        allowed.Headers.Add("Access-Control-Request-Method", "POST");
        allowed.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");
        using var yes = await client.SendAsync(allowed);
        Assert.Equal("https://bot.example.org", yes.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var refused = new HttpRequestMessage(HttpMethod.Options, "/v1/ask");
        refused.Headers.Add("Origin", "https://elsewhere.example.com");
        refused.Headers.Add("Access-Control-Request-Method", "POST");
        using var no = await client.SendAsync(refused);
        Assert.False(no.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Each_request_gets_one_audit_line_and_no_question_or_answer_text_is_logged_above_debug()
    {
        var logs = new CollectingLoggerProvider();
        await using var api = new LoggedApi(logs);
        using var client = await api.AllScopesClientAsync();
        const string secretQuestion = "Patient Zanzibar-Quokka has fever: which antimalarial?";
        await DocumentCalls.UploadAndWaitAsync(client, SmallPdfs.Guideline("Malaria", "Give artesunate intravenously for severe malaria."), "malaria.pdf");
        using var response = await client.PostAsJsonAsync("/v1/ask", new { question = secretQuestion, engine = "extractive" });
        string answer = (await ApiAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("answer").GetString()!;
        string requestId = response.Headers.GetValues("X-Request-Id").Single();

        var audit = logs.Entries.Where(e => e.EventId == 8000 && e.Message.Contains(requestId, StringComparison.Ordinal)).ToList();
        var line = Assert.Single(audit);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("POST /v1/ask status=200", line.Message, StringComparison.Ordinal);
        Assert.Contains("key=test-", line.Message, StringComparison.Ordinal);
        Assert.Contains("latencyMs=", line.Message, StringComparison.Ordinal);

        var visible = logs.Entries.Where(e => e.Level > LogLevel.Debug).ToList();
        Assert.DoesNotContain(visible, e => e.Message.Contains("Zanzibar-Quokka", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, e => e.Message.Contains("artesunate", StringComparison.OrdinalIgnoreCase));
        Assert.False(string.IsNullOrEmpty(answer));
    }

    private sealed class LoggedApi(CollectingLoggerProvider logs) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        }
    }
}
