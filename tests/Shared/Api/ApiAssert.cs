using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Meditron.Tests.Support;

/// <summary>
/// Assertions on REST API responses, shared by the in-memory API tests (Api.Tests) and the tests of `meditron serve`
/// on real Kestrel (Cli.Tests/Serve).
/// </summary>
internal static class ApiAssert
{
    /// <summary>The response is a ProblemDetails (application/problem+json) with this status, and the body says so too.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}

/// <summary>Calls the tests make often: upload a PDF and wait for it to be indexed.</summary>
internal static class DocumentCalls
{
    public static MultipartFormDataContent Upload(byte[] pdf, string fileName, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }
        return form;
    }

    /// <summary>Uploads and polls GET /v1/documents/{id} until the document is indexed (or fails the test).</summary>
    public static async Task<string> UploadAndWaitAsync(HttpClient client, byte[] pdf, string fileName, IReadOnlyDictionary<string, string>? fields = null)
    {
        using var response = await client.PostAsync("/v1/documents", Upload(pdf, fileName, fields));
        var accepted = await ApiAssert.JsonAsync(response, HttpStatusCode.Accepted);
        string id = accepted.GetProperty("documentId").GetString()!;
        Assert.Equal($"/v1/documents/{id}", response.Headers.Location?.OriginalString);
        await WaitForStatusAsync(client, id, "indexed");
        return id;
    }

    /// <param name="timeout">How long to poll (120 s when not given).</param>
    public static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string documentId, string status, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var document = await client.GetFromJsonAsync<JsonElement>($"/v1/documents/{documentId}");
            string now = document.GetProperty("status").GetString()!;
            if (now == status)
            {
                return document;
            }
            Assert.True(now != "failed" || status == "failed", $"document {documentId} failed: {document.GetProperty("reason")}");
            Assert.True(DateTime.UtcNow < deadline, $"document {documentId} still {now} after {limit.TotalSeconds} s");
            await Task.Delay(200);
        }
    }
}

/// <summary>The async ask: poll GET /v1/answers/{id} until the answer is ready.</summary>
internal static class AnswerCalls
{
    /// <summary>Polls the 202's Location until it answers 200 (202 with Retry-After while pending); returns the answer.</summary>
    public static async Task<JsonElement> WaitForAnswerAsync(HttpClient client, string location, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var poll = await client.GetAsync(location);
            string body = await poll.Content.ReadAsStringAsync();
            if (poll.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(body).RootElement;
            }
            Assert.True(poll.StatusCode == HttpStatusCode.Accepted, $"expected 200 or 202, got {(int)poll.StatusCode}: {body}");
            Assert.NotNull(poll.Headers.RetryAfter);
            Assert.True(DateTime.UtcNow < deadline, $"the async answer at {location} was not ready within {timeout.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
