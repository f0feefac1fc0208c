using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Meditron.Tests.Support;

/// <summary>
/// A publisher's web server on loopback (real Kestrel): serves files with ETag and Last-Modified and ASP.NET Core's own
/// handling of conditional and range requests, and can fail a file's first requests (503) or break its first downloads
/// off midway. Records what each request asked for.
/// </summary>
internal sealed class GuidelineServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServedFile> _files = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<GuidelineServer> StartAsync()
    {
        var server = new GuidelineServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(server.ServeAsync);
        await app.StartAsync();
        server._app = app;
        server.BaseUrl = new Uri(app.Urls.Single());
        return server;
    }

    public Uri Url(string path) => new(BaseUrl, path);

    public ServedFile Serve(string path, byte[] body, string etag, string contentType = "application/pdf")
    {
        var file = new ServedFile(body, contentType, etag, new DateTimeOffset(2025, 8, 13, 10, 0, 0, TimeSpan.Zero));
        _files[path] = file;
        return file;
    }

    public IReadOnlyList<SeenRequest> RequestsFor(string path) => [.. Requests.Where(r => r.Path == path)];

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        string path = request.Path.Value!.TrimStart('/');
        Requests.Enqueue(new SeenRequest(path, request.Headers.IfNoneMatch.ToString(), request.Headers.IfModifiedSince.ToString(), request.Headers.Range.ToString(), request.Headers.IfRange.ToString()));
        if (!_files.TryGetValue(path, out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (file.TakeFailure())
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (string.IsNullOrEmpty(request.Headers.Range) && file.TakeBreak())
        {
            // Headers for the whole file, half of it, then the connection is dropped.
            context.Response.ContentLength = file.Body.Length;
            context.Response.ContentType = file.ContentType;
            context.Response.Headers.ETag = file.ETag;
            context.Response.Headers.AcceptRanges = "bytes";
            await context.Response.Body.WriteAsync(file.Body.AsMemory(0, file.Body.Length / 2));
            await context.Response.Body.FlushAsync();
            // Lets the client read what was sent first: a reset can make its system drop bytes it has not read yet,
            // and the break would then come before the headers (a retry, not a resume).
            await Task.Delay(500);
            context.Abort();
            return;
        }
        await Results.Bytes(file.Body, file.ContentType, lastModified: file.LastModified, entityTag: new EntityTagHeaderValue(file.ETag), enableRangeProcessing: true)
            .ExecuteAsync(context);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>A file on the server; the counters are decremented by each request they apply to.</summary>
internal sealed class ServedFile(byte[] body, string contentType, string etag, DateTimeOffset lastModified)
{
    public byte[] Body { get; } = body;
    public string ContentType { get; } = contentType;
    public string ETag { get; } = etag;
    public DateTimeOffset LastModified { get; } = lastModified;

    private int _failuresLeft;
    private int _breaksLeft;

    /// <summary>Requests answered 503 before the file is served.</summary>
    public ServedFile FailFirst(int requests)
    {
        _failuresLeft = requests;
        return this;
    }

    /// <summary>Whole-file downloads broken off after half the body.</summary>
    public ServedFile BreakFirst(int downloads)
    {
        _breaksLeft = downloads;
        return this;
    }

    public bool TakeFailure() => Interlocked.Decrement(ref _failuresLeft) >= 0;

    public bool TakeBreak() => Interlocked.Decrement(ref _breaksLeft) >= 0;
}

internal sealed record SeenRequest(string Path, string IfNoneMatch, string IfModifiedSince, string Range, string IfRange);
