using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Meditron.Application.Syncing;

/// <summary>
/// Fetches one guideline URL into a file: a conditional GET (If-None-Match / If-Modified-Since), retries of transient
/// failures by the client's resilience handler (see <see cref="SyncServices"/>), and a body broken off midway resumed
/// with a Range request. Only the first bytes of a response pass through the handler, so the resume lives here.
/// </summary>
public sealed class SourceFetcher(IHttpClientFactory clients, IOptions<SyncOptions> options, ILogger<SourceFetcher> logger)
{
    public const string ClientName = "guideline-sources";

    private SyncOptions Options => options.Value;

    /// <summary>Why this URL is not fetched at all; null when it may be.</summary>
    public string? Refusal(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.Scheme switch
        {
            "https" => null,
            "http" when uri.IsLoopback || Options.AllowHttp => null,
            "http" => "Plain http:// is refused for hosts other than this machine (the file could be altered on the way): " +
                      "use https://, or allow it with --allow-http (Sync:AllowHttp=true).",
            _ => $"Unsupported scheme '{uri.Scheme}': a source is an https:// URL or a local path.",
        };
    }

    /// <param name="etag">Sent as If-None-Match; null: none.</param>
    /// <param name="lastModified">Sent as If-Modified-Since; null: none.</param>
    /// <param name="target">Where the body goes (created or overwritten).</param>
    public async Task<FetchResult> FetchAsync(Uri uri, string? etag, DateTimeOffset? lastModified, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var http = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }
        request.Headers.IfModifiedSince = lastModified;
        SyncLog.Conditional(logger, uri, etag, lastModified);

        var (response, error) = await SendAsync(http, request, cancellationToken);
        if (response is null)
        {
            return FetchResult.Failed(error!);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return FetchResult.NotModified();
            }
            return response.IsSuccessStatusCode
                ? await DownloadAsync(http, uri, response, target, cancellationToken)
                : FetchResult.Failed(Status(response));
        }
    }

    private async Task<FetchResult> DownloadAsync(HttpClient http, Uri uri, HttpResponseMessage first, string target, CancellationToken cancellationToken)
    {
        long limit = Options.MaxDownloadMegabytes * 1024L * 1024L;
        if (first.Content.Headers.ContentLength > limit)
        {
            return FetchResult.Failed(TooLarge(first.Content.Headers.ContentLength.Value));
        }
        string? etag = first.Headers.ETag?.ToString();
        var lastModified = first.Content.Headers.LastModified;
        var response = first;
        int resumes = 0;
        await using var file = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
        try
        {
            while (true)
            {
                var (status, error) = await CopyAsync(response, file, limit, cancellationToken);
                if (status == CopyStatus.Done)
                {
                    return new FetchResult { Outcome = FetchOutcome.Downloaded, ETag = etag, LastModified = lastModified, Bytes = file.Length };
                }
                if (status == CopyStatus.TooLarge)
                {
                    return FetchResult.Failed(TooLarge(file.Length));
                }
                if (resumes == Options.ResumeAttempts)
                {
                    return FetchResult.Failed($"The download broke off after {file.Length} bytes ({resumes} resumes tried): {error}");
                }
                resumes++;
                await file.FlushAsync(cancellationToken);
                SyncLog.DownloadBroken(logger, uri, file.Length, resumes, error!);
                if (!ReferenceEquals(response, first))
                {
                    response.Dispose();
                }
                using var resume = ResumeRequest(uri, file.Length, etag, lastModified);
                var (next, sendError) = await SendAsync(http, resume, cancellationToken);
                if (next is null)
                {
                    return FetchResult.Failed($"The download broke off after {file.Length} bytes and could not be resumed: {sendError}");
                }
                response = next;
                if (next.StatusCode == HttpStatusCode.PartialContent && next.Content.Headers.ContentRange?.From == file.Length)
                {
                    continue; // the rest follows what we have
                }
                if (next.StatusCode != HttpStatusCode.OK)
                {
                    return FetchResult.Failed($"The download broke off after {file.Length} bytes and could not be resumed: {Status(next)}");
                }
                // The whole file again: no range support, or it changed since (If-Range did not match).
                SyncLog.ResumeRefused(logger, uri, (int)next.StatusCode);
                file.SetLength(0);
                etag = next.Headers.ETag?.ToString();
                lastModified = next.Content.Headers.LastModified;
            }
        }
        finally
        {
            if (!ReferenceEquals(response, first))
            {
                response.Dispose();
            }
        }
    }

    /// <summary>
    /// The rest of the file, only if it is still the same file (If-Range with a strong validator). Without one, the
    /// whole file again: splicing two versions of a PDF would pass every check and be wrong.
    /// </summary>
    private static HttpRequestMessage ResumeRequest(Uri uri, long from, string? etag, DateTimeOffset? lastModified)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        string? validator = etag is not null && !etag.StartsWith("W/", StringComparison.Ordinal)
            ? etag
            : lastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (validator is not null)
        {
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(from, null);
            request.Headers.TryAddWithoutValidation("If-Range", validator);
        }
        return request;
    }

    private enum CopyStatus
    {
        Done,
        Broken,
        TooLarge,
    }

    /// <summary>Appends the body to the file; a read that fails or stalls past TimeoutSeconds is Broken (disk errors escape).</summary>
    private async Task<(CopyStatus Status, string? Error)> CopyAsync(HttpResponseMessage response, FileStream file, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                idle.CancelAfter(TimeSpan.FromSeconds(Options.TimeoutSeconds));
                int read = await body.ReadAsync(buffer, idle.Token);
                if (read == 0)
                {
                    return (CopyStatus.Done, null);
                }
                if (file.Length + read > limit)
                {
                    return (CopyStatus.TooLarge, null);
                }
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception e) when (e is HttpRequestException or HttpIOException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
        {
            return (CopyStatus.Broken, e.Message);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
        {
            return (CopyStatus.Broken, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (CopyStatus.Broken, $"no bytes for {Options.TimeoutSeconds} s");
        }
    }

    private async Task<(HttpResponseMessage? Response, string? Error)> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return (await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken), null);
        }
        catch (HttpRequestException e)
        {
            return (null, $"Cannot fetch it{Retried()}: {e.Message}");
        }
        catch (TimeoutRejectedException)
        {
            return (null, $"No answer within {Options.TimeoutSeconds} s{Retried()}.");
        }
    }

    private string Status(HttpResponseMessage response)
    {
        int code = (int)response.StatusCode;
        bool transient = code is 408 or 429 or >= 500;
        return $"HTTP {code} {response.ReasonPhrase}".TrimEnd() + (transient ? Retried() : "");
    }

    private string Retried() => Options.RetryAttempts > 0 ? $" (after {Options.RetryAttempts} retries)" : "";

    private string TooLarge(long bytes) =>
        $"The download is larger than Sync:MaxDownloadMegabytes ({Options.MaxDownloadMegabytes} MB): {bytes} bytes.";
}
