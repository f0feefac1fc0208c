using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Meditron.Api.Tests;

/// <summary>Malformed requests get a 4xx ProblemDetails, never a 5xx; the server keeps serving and stores nothing of them.</summary>
public sealed class BadInputTests(BadInputTests.SmallUploadLimitApi api) : IClassFixture<BadInputTests.SmallUploadLimitApi>
{
    /// <summary>A 1 MB upload limit, so that "over the limit" needs only a small body; rate limits out of the way.</summary>
    public sealed class SmallUploadLimitApi() : ApiFactory(new Dictionary<string, string?> { ["Api:MaxUploadMegabytes"] = "1", ["Api:RequestsPerSecond"] = "1000", ["Api:RequestBurst"] = "1000" });

    public static TheoryData<string> Cases => [.. MalformedRequests.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_request_gets_its_4xx_problem(string name)
    {
        var (request, expected) = MalformedRequests.All[name];
        using var client = await api.AllScopesClientAsync();
        using var response = await client.SendAsync(request());
        await ApiAssert.ProblemAsync(response, expected);
    }

    [Fact]
    public async Task After_every_malformed_request_the_server_serves_and_nothing_is_stored()
    {
        Assert.True(MalformedRequests.All.Count >= 50);
        using var client = await api.AllScopesClientAsync();
        foreach (var (name, (request, _)) in MalformedRequests.All)
        {
            using var response = await client.SendAsync(request());
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{name}: {(int)response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        var documents = await client.GetFromJsonAsync<JsonElement>("/v1/documents");
        Assert.Equal(0, documents.GetProperty("total").GetInt32());
        string uploads = Path.Combine(api.DataDirectory, "uploads");
        Assert.True(!Directory.Exists(uploads) || !Directory.EnumerateFileSystemEntries(uploads).Any(), "an upload was left behind");
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil.pdf")));
    }
}
