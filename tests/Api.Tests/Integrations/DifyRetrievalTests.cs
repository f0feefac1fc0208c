using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Meditron.Core.Access;

namespace Meditron.Api.Tests.Integrations;

/// <summary>POST /retrieval with the exact requests Dify sends to an external knowledge base, on real Kestrel.</summary>
[Collection(KestrelGuidelineCollection.Name)]
public sealed class DifyRetrievalTests(KestrelGuidelineFixture server)
{
    private const string PneumoniaQuery = "How many days of amoxicillin for fast breathing pneumonia in a child?";

    [Fact]
    public async Task A_guideline_key_returns_its_passages_scored_0_to_1_with_their_metadata()
    {
        var records = await RecordsAsync(Body(KestrelGuidelineFixture.PneumoniaKey, PneumoniaQuery, topK: 2, threshold: 0.0));

        Assert.InRange(records.Count, 1, 2);
        Assert.All(records, r =>
        {
            Assert.Equal("Pneumonia in children", r.GetProperty("title").GetString());
            Assert.InRange(r.GetProperty("score").GetDouble(), 0.0, 1.0);
            var metadata = r.GetProperty("metadata");
            Assert.Equal("pneumonia-2024.pdf", metadata.GetProperty("file").GetString());
            Assert.Equal("2024", metadata.GetProperty("edition").GetString());
            Assert.Equal(1, metadata.GetProperty("page").GetInt32());
            Assert.True(metadata.TryGetProperty("pageLabel", out _));
            Assert.StartsWith(server.BaseAddress.ToString().TrimEnd('/') + "/v1/documents/", metadata.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("#page=1", metadata.GetProperty("url").GetString(), StringComparison.Ordinal);
        });
        Assert.Contains(records, r => r.GetProperty("content").GetString()!.Contains("3 days", StringComparison.Ordinal));
        var scores = records.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task All_searches_every_guideline_and_top_k_bounds_the_records()
    {
        var cholera = await RecordsAsync(Body("all", "Ringer lactate for severe dehydration from cholera", topK: 5, threshold: 0.0));
        Assert.Equal("Cholera treatment", cholera[0].GetProperty("title").GetString());

        var one = await RecordsAsync(Body("all", "Ringer lactate for severe dehydration from cholera", topK: 1, threshold: 0.0));
        Assert.Single(one);
    }

    [Fact]
    public async Task Score_threshold_drops_the_records_below_it()
    {
        var all = await RecordsAsync(Body("all", PneumoniaQuery, topK: 10, threshold: 0.0));
        Assert.True(all.Count >= 2, $"{all.Count} records");
        double best = all[0].GetProperty("score").GetDouble();
        double worst = all[^1].GetProperty("score").GetDouble();
        Assert.True(best > worst, $"scores {best} and {worst}");
        double threshold = Math.Round((best + worst) / 2, 4);

        var kept = await RecordsAsync(Body("all", PneumoniaQuery, topK: 10, threshold: threshold));

        Assert.NotEmpty(kept);
        Assert.True(kept.Count < all.Count);
        Assert.All(kept, r => Assert.True(r.GetProperty("score").GetDouble() >= threshold));
        Assert.Empty(await RecordsAsync(Body("all", PneumoniaQuery, topK: 10, threshold: 1.0)));
    }

    [Fact]
    public async Task An_unknown_knowledge_id_is_2001()
    {
        using var response = await PostAsync(Body("malaria-2099", PneumoniaQuery, topK: 3, threshold: 0.5));

        await AssertDifyErrorAsync(response, HttpStatusCode.NotFound, 2001);
    }

    public static TheoryData<string?> MalformedAuthorizations => new() { null, "Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "mdk_a-key-without-its-scheme" };

    [Theory]
    [MemberData(nameof(MalformedAuthorizations))]
    public async Task A_missing_or_malformed_authorization_header_is_1001(string? authorization)
    {
        using var response = await PostAsync(Body("all", PneumoniaQuery, topK: 3, threshold: 0.5), authorization, withKey: false);

        await AssertDifyErrorAsync(response, HttpStatusCode.Forbidden, 1001);
    }

    [Fact]
    public async Task A_wrong_key_or_one_without_the_ask_scope_is_1002()
    {
        using var wrong = await PostAsync(Body("all", PneumoniaQuery, topK: 3, threshold: 0.5), "Bearer mdk_never-issued-0000000000000000", withKey: false);
        await AssertDifyErrorAsync(wrong, HttpStatusCode.Forbidden, 1002);

        string ingestKey = await server.Factory.CreateKeyAsync(ApiScopes.Ingest);
        using var unscoped = await PostAsync(Body("all", PneumoniaQuery, topK: 3, threshold: 0.5), $"Bearer {ingestKey}", withKey: false);
        await AssertDifyErrorAsync(unscoped, HttpStatusCode.Forbidden, 1002);
    }

    [Fact]
    public async Task A_metadata_condition_filters_the_records()
    {
        var choleraOnly = await RecordsAsync(Body("all", PneumoniaQuery, topK: 10, threshold: 0.0, condition: new
        {
            logical_operator = "and",
            conditions = new object[]
            {
                new { name = "file", comparison_operator = "contains", value = "cholera" },
                new { name = "page", comparison_operator = "≥", value = 1 },
            },
        }));
        Assert.NotEmpty(choleraOnly);
        Assert.All(choleraOnly, r => Assert.Equal("cholera.pdf", r.GetProperty("metadata").GetProperty("file").GetString()));

        var either = await RecordsAsync(Body("all", PneumoniaQuery, topK: 10, threshold: 0.0, condition: new
        {
            logical_operator = "or",
            conditions = new object[]
            {
                new { name = new[] { "edition" }, comparison_operator = "is", value = "2017" },
                new { name = "edition", comparison_operator = "after", value = "2020-01-01" },
            },
        }));
        Assert.Equal(["cholera.pdf", "pneumonia-2024.pdf"], either.Select(r => r.GetProperty("metadata").GetProperty("file").GetString()).Distinct().Order());
    }

    [Fact]
    public async Task An_unknown_metadata_field_or_a_bad_setting_is_400_in_dify_shape()
    {
        using var field = await PostAsync(Body("all", PneumoniaQuery, topK: 3, threshold: 0.5, condition: new
        {
            conditions = new[] { new { name = "colour", comparison_operator = "is", value = "red" } },
        }));
        await AssertDifyErrorAsync(field, HttpStatusCode.BadRequest, 400);

        using var topK = await PostAsync(Body("all", PneumoniaQuery, topK: 0, threshold: 0.5));
        await AssertDifyErrorAsync(topK, HttpStatusCode.BadRequest, 400);

        using var unreadable = await PostAsync("""{"knowledge_id": "all", """);
        await AssertDifyErrorAsync(unreadable, HttpStatusCode.BadRequest, 400);
    }

    /// <summary>Dify's request: knowledge_id, query, retrieval_setting {top_k, score_threshold}, and metadata_condition when given.</summary>
    private static string Body(string knowledgeId, string query, int topK, double threshold, object? condition = null) =>
        JsonSerializer.Serialize(condition is null
            ? new { knowledge_id = knowledgeId, query, retrieval_setting = new { top_k = topK, score_threshold = threshold } }
            : (object)new { knowledge_id = knowledgeId, query, retrieval_setting = new { top_k = topK, score_threshold = threshold }, metadata_condition = condition });

    private async Task<List<JsonElement>> RecordsAsync(string body)
    {
        using var response = await PostAsync(body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("records").EnumerateArray().ToList();
    }

    /// <summary>As Dify posts: Authorization: Bearer KEY (or the header given), JSON body.</summary>
    private async Task<HttpResponseMessage> PostAsync(string body, string? authorization = null, bool withKey = true)
    {
        using var client = server.PlainClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/retrieval") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (withKey)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.AskKey);
        }
        else if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        return await client.SendAsync(request);
    }

    private static async Task AssertDifyErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, error.GetProperty("error_code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error_msg").GetString()));
    }
}
