using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Meditron.Client.Models;

namespace Meditron.Client;

/// <summary>
/// The REST API of the guideline assistant for .NET bots: cited answers (at once or streamed), passage search, and the
/// documents (list, read, upload, wait until indexed, delete). Give it an HttpClient whose BaseAddress is the API's
/// root (ending in '/' when it has a path) and an API key; errors come as <see cref="MeditronApiException"/>.
/// </summary>
public sealed class MeditronClient
{
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly HttpClient _http;
    private readonly string _apiKey;

    public MeditronClient(HttpClient http, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("Set the HttpClient's BaseAddress to the API's root, e.g. https://meditron.example.org/.", nameof(http));
        }
        _http = http;
        _apiKey = apiKey;
    }

    /// <summary>POST /v1/ask: the checked, cited answer (or an abstention when the guidelines do not cover the question).</summary>
    public async Task<GuidelineAnswer> AskAsync(AskQuestion question, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Post, "v1/ask", JsonContent.Create(question, options: MeditronJson.Options));
        return await SendAsync<GuidelineAnswer>(request, cancellationToken);
    }

    /// <summary>POST /v1/ask as Server-Sent Events: draft deltas as they are written, then the checked answer, last.</summary>
    public async IAsyncEnumerable<AnswerStreamEvent> StreamAsync(AskQuestion question, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Post, "v1/ask", JsonContent.Create(question, options: MeditronJson.Options));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            switch (item.EventType)
            {
                case "delta":
                    yield return new AnswerStreamEvent { Delta = JsonSerializer.Deserialize<DeltaData>(item.Data, MeditronJson.Options)?.Text ?? "" };
                    break;
                case "answer":
                    yield return new AnswerStreamEvent { Answer = Deserialize<GuidelineAnswer>(item.Data) };
                    yield break;
                case "error":
                    throw ProblemException(HttpStatusCode.ServiceUnavailable, item.Data, retryAfter: null);
            }
        }
        throw new MeditronApiException("The answer stream ended without an answer.");
    }

    /// <summary>POST /v1/search: ranked passages, each with guideline, edition, page and a link to the page.</summary>
    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Post, "v1/search", JsonContent.Create(query, options: MeditronJson.Options));
        return await SendAsync<SearchResults>(request, cancellationToken);
    }

    /// <summary>GET /v1/documents: one page of the documents that match.</summary>
    public async Task<DocumentList> ListDocumentsAsync(DocumentListQuery? query = null, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "v1/documents" + QueryString(query ?? new DocumentListQuery()));
        return await SendAsync<DocumentList>(request, cancellationToken);
    }

    /// <summary>GET /v1/documents/{id}; null when there is no such document.</summary>
    public async Task<GuidelineDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, DocumentPath(documentId));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        return await ReadAsync<GuidelineDocument>(response, cancellationToken);
    }

    /// <summary>POST /v1/documents (scope ingest): uploads a guideline PDF; it is indexed in the background.</summary>
    public async Task<UploadAccepted> UploadAsync(Stream pdf, string fileName, UploadMetadata? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in Fields(metadata ?? new UploadMetadata()))
        {
            form.Add(new StringContent(value), name);
        }
        using var request = Request(HttpMethod.Post, "v1/documents", form);
        return await SendAsync<UploadAccepted>(request, cancellationToken);
    }

    /// <summary>Polls the document until it is indexed; throws <see cref="DocumentIngestionFailedException"/> when it fails.</summary>
    public async Task<GuidelineDocument> WaitForIndexedAsync(string documentId, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var document = await GetDocumentAsync(documentId, cancellationToken)
                ?? throw new MeditronApiException(HttpStatusCode.NotFound, "No such document", $"No document has the id {documentId}.");
            switch (document.Status)
            {
                case DocumentStatuses.Indexed:
                    return document;
                case DocumentStatuses.Failed:
                    throw new DocumentIngestionFailedException(document);
            }
            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>DELETE /v1/documents/{id} (scope admin); false when there was no such document.</summary>
    public async Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Delete, DocumentPath(documentId));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null)
    {
        // Per request, so that one HttpClient (from IHttpClientFactory, say) can serve several keys.
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add(ApiKeyHeader, _apiKey);
        return request;
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return Deserialize<T>(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, MeditronJson.Options) ?? throw new MeditronApiException($"The API sent an empty {typeof(T).Name}.");

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw ProblemException(response.StatusCode, body, response.Headers.RetryAfter?.Delta);
    }

    private static MeditronApiException ProblemException(HttpStatusCode status, string body, TimeSpan? retryAfter)
    {
        Problem? problem = null;
        try
        {
            problem = JsonSerializer.Deserialize<Problem>(body, MeditronJson.Options);
        }
        catch (JsonException)
        {
            // Not a ProblemDetails (a proxy's error page): the status alone says what happened.
        }
        return new MeditronApiException(problem?.Status is { } s ? (HttpStatusCode)s : status, problem?.Title, problem?.Detail, problem?.Errors, retryAfter);
    }

    private static string DocumentPath(string documentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        return "v1/documents/" + Uri.EscapeDataString(documentId);
    }

    private static string QueryString(DocumentListQuery query)
    {
        var pairs = new (string Name, string? Value)[]
        {
            ("publisher", query.Publisher),
            ("guideline", query.Guideline),
            ("language", query.Language),
            ("status", query.Status),
            ("current", query.Current is { } c ? (c ? "true" : "false") : null),
            ("offset", query.Offset?.ToString(CultureInfo.InvariantCulture)),
            ("limit", query.Limit?.ToString(CultureInfo.InvariantCulture)),
        };
        var set = pairs.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? "" : "?" + string.Join('&', set);
    }

    private static IEnumerable<(string Name, string Value)> Fields(UploadMetadata metadata)
    {
        var fields = new (string Name, string? Value)[]
        {
            ("publisher", metadata.Publisher),
            ("title", metadata.Title),
            ("edition", metadata.Edition),
            ("year", metadata.Year?.ToString(CultureInfo.InvariantCulture)),
            ("language", metadata.Language),
            ("guideline", metadata.Guideline),
        };
        return fields.Where(f => f.Value is not null).Select(f => (f.Name, f.Value!));
    }

    private sealed record DeltaData(string? Text);

    private sealed record Problem(int? Status, string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
