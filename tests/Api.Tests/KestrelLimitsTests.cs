using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Meditron.Api.Tests;

/// <summary>
/// Bodies sent without a length (chunked) are held to their limit by the server itself while they are read: on real
/// Kestrel, which the in-memory server does not imitate.
/// </summary>
public sealed class KestrelLimitsTests
{
    [Fact]
    public async Task A_chunked_json_body_over_its_limit_is_413_problem()
    {
        await using var api = ApiFactory.With(new Dictionary<string, string?> { ["Api:MaxRequestKilobytes"] = "16" });
        api.UseKestrel(0);
        using var client = await PlainClientAsync(api, "ask");
        byte[] body = Encoding.UTF8.GetBytes($"{{\"question\": \"fever?\", \"pad\": \"{new string('x', 64 * 1024)}\"}}");
        var content = new StreamContent(new UnknownLengthStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/v1/ask", content);

        Assert.Null(response.RequestMessage?.Content?.Headers.ContentLength);
        await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_upload_over_its_limit_is_413_problem_and_leaves_nothing()
    {
        await using var api = ApiFactory.With(new Dictionary<string, string?> { ["Api:MaxUploadMegabytes"] = "1" });
        api.UseKestrel(0);
        using var client = await PlainClientAsync(api, "ingest");
        var file = new StreamContent(new UnknownLengthStream([.. "%PDF-1.7\n"u8, .. new byte[1_200_000]]));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var form = new MultipartFormDataContent { { file, "file", "big.pdf" } };

        using var response = await client.PostAsync("/v1/documents", form);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        string uploads = Path.Combine(api.DataDirectory, "uploads");
        Assert.True(!Directory.Exists(uploads) || !Directory.EnumerateFileSystemEntries(uploads).Any());
    }

    /// <summary>
    /// A bare HttpClient to the Kestrel address: the factory's own client buffers request bodies (to follow redirects),
    /// which would give them a length.
    /// </summary>
    private static async Task<HttpClient> PlainClientAsync(ApiFactory api, string scope)
    {
        using var factoryClient = api.CreateClient();
        var client = new HttpClient { BaseAddress = factoryClient.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", await api.CreateKeyAsync(scope));
        return client;
    }

    /// <summary>A stream that does not tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
