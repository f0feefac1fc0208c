using System.Net;
using System.Net.Http.Json;
using Meditron.Core.Access;

namespace Meditron.Api.Tests;

/// <summary>Every endpoint against every kind of caller: no key, an unknown key, a revoked key, each scope.</summary>
public sealed class AccessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "POST", "/v1/ask", ApiScopes.Ask },
        { "GET", "/v1/answers/0123456789abcdef0123456789abcdef", ApiScopes.Ask },
        { "POST", "/v1/answers/0123456789abcdef0123456789abcdef/feedback", ApiScopes.Ask },
        { "GET", "/v1/feedback", ApiScopes.Admin },
        { "GET", "/v1/feedback/0123456789abcdef0123456789abcdef", ApiScopes.Admin },
        { "POST", "/v1/search", ApiScopes.Ask },
        { "GET", "/v1/documents", ApiScopes.Ask },
        { "GET", "/v1/documents/doc_0000000000000000", ApiScopes.Ask },
        { "GET", "/v1/documents/doc_0000000000000000/content", ApiScopes.Ask },
        { "POST", "/v1/documents", ApiScopes.Ingest },
        { "DELETE", "/v1/documents/doc_0000000000000000", ApiScopes.Admin },
        { "GET", "/v1/keys", ApiScopes.Admin },
        { "POST", "/v1/keys", ApiScopes.Admin },
        { "DELETE", "/v1/keys/nobody", ApiScopes.Admin },
        { "GET", "/metrics", ApiScopes.Admin },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_key_every_endpoint_is_401_problem(string method, string path, string scope)
    {
        _ = scope;
        using var client = api.CreateClient();
        using var response = await client.SendAsync(Request(method, path));
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("ApiKey", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_unknown_key_is_401_problem(string method, string path, string scope)
    {
        _ = scope;
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "mdk_this-key-was-never-issued-by-this-server-000000");
        await ApiAssert.ProblemAsync(await client.SendAsync(Request(method, path)), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_other_scope_is_403_problem(string method, string path, string scope)
    {
        foreach (string other in ApiScopes.All.Where(s => s != scope))
        {
            using var client = await api.ClientWithScopesAsync(other);
            var problem = await ApiAssert.ProblemAsync(await client.SendAsync(Request(method, path)), HttpStatusCode.Forbidden);
            Assert.Contains(scope, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_needed_scope_gets_past_authorization(string method, string path, string scope)
    {
        using var client = await api.ClientWithScopesAsync(scope);
        using var response = await client.SendAsync(Request(method, path));
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_revoked_key_stops_working()
    {
        using var admin = await api.ClientWithScopesAsync(ApiScopes.Admin);
        using var created = await admin.PostAsJsonAsync("/v1/keys", new { name = "chatbot-revoked", scopes = new[] { "ask" } });
        var key = await ApiAssert.JsonAsync(created, HttpStatusCode.Created);
        using var chatbot = api.CreateClient();
        chatbot.DefaultRequestHeaders.Add("X-Api-Key", key.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await chatbot.GetAsync("/v1/documents")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/v1/keys/chatbot-revoked")).StatusCode);
        await ApiAssert.ProblemAsync(await chatbot.GetAsync("/v1/documents"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_are_listed_without_their_secret()
    {
        using var admin = await api.ClientWithScopesAsync(ApiScopes.Admin);
        using var created = await admin.PostAsJsonAsync("/v1/keys", new { name = "ehr-listed", scopes = new[] { "ask", "ingest" } });
        string secret = (await ApiAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        string listing = await admin.GetStringAsync("/v1/keys");
        Assert.Contains("ehr-listed", listing, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listing, StringComparison.Ordinal);
        Assert.Contains(secret[..12], listing, StringComparison.Ordinal); // the prefix tells keys apart
    }

    [Fact]
    public async Task Probes_and_the_reference_need_no_key()
    {
        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs")).StatusCode);
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = path switch
            {
                "/v1/ask" => JsonContent.Create(new { question = "How is cholera treated?", engine = "extractive" }),
                "/v1/search" => JsonContent.Create(new { query = "cholera" }),
                "/v1/answers/0123456789abcdef0123456789abcdef/feedback" => JsonContent.Create(new { helpful = true }),
                "/v1/keys" => JsonContent.Create(new { name = "k-" + Guid.NewGuid().ToString("N")[..8], scopes = new[] { "ask" } }),
                _ => DocumentCalls.Upload("not a pdf"u8.ToArray(), "note.pdf"),
            };
        }
        return request;
    }
}
