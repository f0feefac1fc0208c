using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Meditron.Core.Access;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meditron.Api.Tests;

/// <summary>
/// POST /v1/answers/{requestId}/feedback and GET /v1/feedback over answers kept in the store as an ask keeps them (no
/// ingestion needed), with every log line of the server kept.
/// </summary>
public sealed class FeedbackApiTests : IClassFixture<FeedbackApiTests.LoggedApi>
{
    private readonly LoggedApi _api;

    public FeedbackApiTests(LoggedApi api) => _api = api;

    private static CitedAnswer KeptAnswer(string requestId, string model = "extractive") => new()
    {
        RequestId = requestId,
        Answer = "Give oral amoxicillin 40 mg/kg twice daily for 3 days [1]. Refer urgently with danger signs [2].",
        Model = model,
        Citations =
        [
            new Citation { N = 1, DocumentId = "doc_pneumonia", Title = "Pneumonia in children", Publisher = "WHO", Edition = "2024", File = "pneumonia-2024.pdf", Page = 12, PageEnd = 12, PageLabel = "10", Section = "2 Treatment", Quote = "Give oral amoxicillin 40 mg/kg twice daily for 3 days.", Score = 0.8 },
            new Citation { N = 2, DocumentId = "doc_pneumonia", Title = "Pneumonia in children", Publisher = "WHO", Edition = "2024", File = "pneumonia-2024.pdf", Page = 14, PageEnd = 15, Section = "3 Referral", Quote = "Refer urgently.", Score = 0.6 },
        ],
    };

    private async Task<string> KeepAnswerAsync(string model = "extractive")
    {
        string requestId = Guid.NewGuid().ToString("N");
        await _api.Services.GetRequiredService<IAnswerStore>().SaveAsync(requestId, KeptAnswer(requestId, model), CancellationToken.None);
        return requestId;
    }

    [Fact]
    public async Task Rating_needs_a_key_with_the_ask_scope_and_reading_needs_admin()
    {
        string requestId = await KeepAnswerAsync();
        using var anonymous = _api.CreateClient();
        using var ingestOnly = await _api.ClientWithScopesAsync(ApiScopes.Ingest);
        using var askOnly = await _api.AskClientAsync();

        await ApiAssert.ProblemAsync(await anonymous.PostAsJsonAsync($"/v1/answers/{requestId}/feedback", new { helpful = true }), HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(await ingestOnly.PostAsJsonAsync($"/v1/answers/{requestId}/feedback", new { helpful = true }), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await anonymous.GetAsync("/v1/feedback"), HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(await askOnly.GetAsync("/v1/feedback"), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await askOnly.GetAsync("/v1/feedback/abc"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Rating_an_unknown_or_pending_request_is_404()
    {
        using var client = await _api.AskClientAsync();
        string pending = Guid.NewGuid().ToString("N");
        await _api.Services.GetRequiredService<IAnswerStore>().MarkPendingAsync(pending, CancellationToken.None);

        var unknown = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/v1/answers/nope/feedback", new { helpful = false }), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync($"/v1/answers/{pending}/feedback", new { helpful = false }), HttpStatusCode.NotFound);

        Assert.Contains("nope", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { """{"helpful": false, "categories": ["wrong_page", "typo"]}""", "categories", "wrong_page, outdated, unsafe, incomplete, not_relevant" },
        { """{"helpful": false, "categories": ["Wrong_Page"]}""", "categories", "wrong_page" },
        { """{"categories": ["unsafe"]}""", "helpful", "true or false" },
        { $$"""{"helpful": false, "comment": "{{new string('x', 2001)}}"}""", "comment", "at most 2000" },
        { $$"""{"helpful": true, "question": "{{new string('q', 2001)}}"}""", "question", "at most 2000" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_naming_the_field(string body, string field, string expected)
    {
        string requestId = await KeepAnswerAsync();
        using var client = await _api.AskClientAsync();

        using var response = await client.PostAsync($"/v1/answers/{requestId}/feedback", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        string message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rating_is_created_then_listed_with_the_kept_answer_and_the_key_name()
    {
        string requestId = await KeepAnswerAsync();
        string key = await _api.CreateKeyAsync(ApiScopes.Ask);
        string keyName = (await _api.Services.GetRequiredService<IApiKeyStore>().FindByHashAsync(Meditron.Application.Access.ApiKeySecrets.Hash(key), CancellationToken.None))!.Name;
        using var clinician = _api.CreateClient();
        clinician.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var admin = await _api.ClientWithScopesAsync(ApiScopes.Admin);

        using var response = await clinician.PostAsJsonAsync($"/v1/answers/{requestId}/feedback", new
        {
            helpful = false,
            categories = new[] { "unsafe", "wrong_page", "unsafe" },
            comment = "Page 12 gives 5 days, not 3 — « vérifier ».\nSecond line.",
            question = "Amoxicillin for fast breathing pneumonia: how many days?",
            // Never trusted: the answer rated is the kept one.
            answer = "Something else entirely",
        });
        var created = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        string id = created.GetProperty("id").GetString()!;
        Assert.Equal(requestId, created.GetProperty("requestId").GetString());
        Assert.Equal($"/v1/feedback/{id}", response.Headers.Location?.OriginalString);

        var page = await ApiAssert.JsonAsync(await admin.GetAsync($"/v1/feedback?limit=500"), HttpStatusCode.OK);
        var item = Assert.Single(page.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        Assert.Equal(requestId, item.GetProperty("requestId").GetString());
        Assert.False(item.GetProperty("helpful").GetBoolean());
        Assert.Equal(["wrong_page", "unsafe"], item.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Page 12 gives 5 days, not 3 — « vérifier ».\nSecond line.", item.GetProperty("comment").GetString());
        Assert.Equal("Amoxicillin for fast breathing pneumonia: how many days?", item.GetProperty("question").GetString());
        Assert.Equal(("extractive", "extractive", keyName), (item.GetProperty("engine").GetString(), item.GetProperty("model").GetString(), item.GetProperty("keyName").GetString()));
        Assert.Equal(created.GetProperty("createdAt").GetDateTimeOffset(), item.GetProperty("createdAt").GetDateTimeOffset());
        var answer = item.GetProperty("answer");
        Assert.Equal(KeptAnswer(requestId).Answer, answer.GetProperty("answer").GetString());
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.Equal([12, 14], citations.Select(c => c.GetProperty("page").GetInt32()));
        Assert.Equal("Give oral amoxicillin 40 mg/kg twice daily for 3 days.", citations[0].GetProperty("quote").GetString());
        Assert.Equal("http://localhost/v1/documents/doc_pneumonia/content#page=12", citations[0].GetProperty("url").GetString());
        Assert.True(page.GetProperty("total").GetInt32() >= 1);

        var one = await ApiAssert.JsonAsync(await admin.GetAsync(response.Headers.Location!.OriginalString), HttpStatusCode.OK);
        Assert.Equal(id, one.GetProperty("id").GetString());
        await ApiAssert.ProblemAsync(await admin.GetAsync("/v1/feedback/nope"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Several_ratings_of_one_answer_are_kept_and_the_list_filters_and_pages()
    {
        string requestId = await KeepAnswerAsync(model: "meditron-7b.Q4_K_M.gguf");
        using var client = await _api.AskClientAsync();
        using var admin = await _api.ClientWithScopesAsync(ApiScopes.Admin);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        string first = await RateAsync(client, requestId, new { helpful = false, categories = new[] { "outdated" } });
        string second = await RateAsync(client, requestId, new { helpful = true });

        var outdated = await ListAsync(admin, $"category=outdated&since={Uri.EscapeDataString(since.ToString("O"))}");
        var helpful = await ListAsync(admin, $"helpful=true&since={since:yyyy-MM-dd}");
        var pageOne = await ApiAssert.JsonAsync(await admin.GetAsync("/v1/feedback?limit=1&offset=0"), HttpStatusCode.OK);

        Assert.Contains(first, outdated);
        Assert.DoesNotContain(second, outdated);
        Assert.Contains(second, helpful);
        Assert.DoesNotContain(first, helpful);
        Assert.Single(pageOne.GetProperty("items").EnumerateArray());
        Assert.Equal((0, 1), (pageOne.GetProperty("offset").GetInt32(), pageOne.GetProperty("limit").GetInt32()));
        var all = await ListAsync(admin, "");
        Assert.True(all.IndexOf(first) < all.IndexOf(second), "the newer rating comes last");
        var items = (await ApiAssert.JsonAsync(await admin.GetAsync("/v1/feedback?limit=500"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray();
        Assert.All(items.Where(i => i.GetProperty("requestId").GetString() == requestId), i => Assert.Equal("default", i.GetProperty("engine").GetString()));
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "category=typo", "category" },
        { "since=yesterday", "since" },
        { "since=2026-01-31T08:00:00", "since" }, // no offset: whose clock?
        { "limit=0", "limit" },
        { "limit=501", "limit" },
        { "offset=-1", "offset" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_list_query_is_a_400_naming_the_parameter(string query, string field)
    {
        using var admin = await _api.ClientWithScopesAsync(ApiScopes.Admin);

        var problem = await ApiAssert.ProblemAsync(await admin.GetAsync($"/v1/feedback?{query}"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Neither_the_comment_nor_the_question_is_logged_above_debug()
    {
        string requestId = await KeepAnswerAsync();
        using var client = await _api.AskClientAsync();

        string id = await RateAsync(client, requestId, new
        {
            helpful = false,
            categories = new[] { "unsafe" },
            comment = "Patient Zanzibar-Quokka reacted badly",
            question = "Dose for Marmoset-Pangolin's child?",
        });

        var visible = _api.Logs.Entries.Where(e => e.Level > LogLevel.Debug).ToList();
        Assert.DoesNotContain(visible, e => e.Message.Contains("Zanzibar-Quokka", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, e => e.Message.Contains("Marmoset-Pangolin", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, e => e.Message.Contains("amoxicillin", StringComparison.OrdinalIgnoreCase));
        var line = Assert.Single(visible, e => e.EventId == 9100 && e.Message.Contains(id, StringComparison.Ordinal));
        Assert.Contains($"request {requestId}", line.Message, StringComparison.Ordinal);
    }

    private static async Task<string> RateAsync(HttpClient client, string requestId, object body)
    {
        using var response = await client.PostAsJsonAsync($"/v1/answers/{requestId}/feedback", body);
        return (await ApiAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<List<string>> ListAsync(HttpClient admin, string query)
    {
        var page = await ApiAssert.JsonAsync(await admin.GetAsync($"/v1/feedback?limit=500&{query}"), HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>The API with every log line kept.</summary>
    public sealed class LoggedApi : ApiFactory
    {
        public CollectingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace)));
        }
    }
}
