using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

using Meditron.Generation.Tests.Support;

namespace Meditron.Generation.Tests.Models;

/// <summary>
/// A real HTTP server on 127.0.0.1 that plays the Hugging Face hub for one file:
/// <c>GET /api/models/{repo}/tree/main</c> (with the LFS sha256) and <c>GET /{repo}/resolve/main/{file}</c> with Range support.
/// </summary>
internal sealed class LocalHub : LoopbackHttpServer
{
    private int _downloads;

    public LocalHub(string repository, string file, byte[] content)
    {
        Repository = repository;
        File = file;
        Content = content;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        AdvertisedSha256 = Sha256;

        Start();
    }

    public string Repository { get; }

    public string File { get; }

    public byte[] Content { get; }

    public string Sha256 { get; }

    /// <summary>The sha256 the tree API reports; set it wrong to test verification.</summary>
    public string AdvertisedSha256 { get; set; }

    /// <summary>When set, the first download response is aborted after this many body bytes.</summary>
    public int? AbortFirstDownloadAfterBytes { get; set; }

    /// <summary>How many downloads, from the first, <see cref="AbortFirstDownloadAfterBytes"/> aborts.</summary>
    public int AbortedDownloads { get; set; } = 1;

    /// <summary>When true, Range headers are ignored (200 with the whole file).</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>Delay between 16 KB chunks of a download body, to let a test cancel mid-way.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>The Range header of each download request ("" when none), in order.</summary>
    public ConcurrentQueue<string> DownloadRanges { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            string path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue($"{context.Request.HttpMethod} {path}");
            if (path == $"/api/models/{Repository}/tree/main")
            {
                string json = $$"""
                    [{"type":"file","oid":"0123456789abcdef0123456789abcdef01234567","size":2230,"path":".gitattributes"},
                     {"type":"file","oid":"89abcdef0123456789abcdef0123456789abcdef","size":{{Content.Length}},"path":"{{File}}",
                      "lfs":{"oid":"{{AdvertisedSha256}}","size":{{Content.Length}},"pointerSize":135} }]
                    """;
                byte[] body = Encoding.UTF8.GetBytes(json);
                response.ContentType = "application/json";
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
                response.Close();
            }
            else if (path == $"/{Repository}/resolve/main/{File}")
            {
                await ServeFileAsync(context);
            }
            else
            {
                response.StatusCode = 404;
                response.Close();
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away (a test cancelled); nothing to do.
        }
    }

    private async Task ServeFileAsync(HttpListenerContext context)
    {
        var response = context.Response;
        string range = context.Request.Headers["Range"] ?? "";
        DownloadRanges.Enqueue(range);
        bool aborted = Interlocked.Increment(ref _downloads) <= AbortedDownloads;

        long start = 0;
        if (!IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (start >= Content.Length)
            {
                response.StatusCode = 416;
                response.Close();
                return;
            }
            response.StatusCode = 206;
            response.AddHeader("Content-Range", $"bytes {start}-{Content.Length - 1}/{Content.Length}");
        }
        response.ContentType = "application/octet-stream";
        response.ContentLength64 = Content.Length - start;

        long end = Content.Length;
        bool abort = aborted && AbortFirstDownloadAfterBytes is not null;
        if (abort)
        {
            end = Math.Min(end, start + AbortFirstDownloadAfterBytes!.Value);
        }
        const int Chunk = 16 * 1024;
        for (long offset = start; offset < end; offset += Chunk)
        {
            int count = (int)Math.Min(Chunk, end - offset);
            await response.OutputStream.WriteAsync(Content.AsMemory((int)offset, count));
            await response.OutputStream.FlushAsync();
            if (ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(ChunkDelay);
            }
        }
        if (abort)
        {
            response.Abort(); // the connection drops with the body incomplete
            return;
        }
        response.Close();
    }
}
