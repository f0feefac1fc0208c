using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Meditron.Generation.Models;

/// <summary>
/// Fetches catalog models from a Hugging Face hub into a models directory, resumably and verified.
/// <para>
/// The expected sha256 is the hub's own: <c>GET {base}/api/models/{repo}/tree/{revision}</c> lists each
/// file with <c>"lfs": {"oid": "&lt;sha256&gt;", "size": N}</c>; for LFS files that oid is the sha256 of the
/// content. Nothing is typed by hand.
/// </para>
/// <para>
/// The file is written to <c>{dir}/{file}.partial</c>; a later attempt (in this call, or a later pull) asks
/// for the rest with <c>Range: bytes={partial length}-</c> and appends on 206, or starts again on 200. When
/// complete, the whole file is hashed; a mismatch deletes the partial and throws
/// <see cref="ModelIntegrityException"/>; a match writes <c>{file}.sha256</c> (sha256sum format, for offline
/// verification) and renames the partial to <c>{dir}/{file}</c>.
/// </para>
/// </summary>
public sealed partial class ModelDownloader
{
    public const string PartialSuffix = ".partial";
    public const string SidecarSuffix = ".sha256";

    private static readonly ResiliencePropertyKey<string> ModelKey = new("meditron.model");
    private static readonly ResiliencePropertyKey<string> PartialKey = new("meditron.partial");

    private readonly HttpClient _http;
    private readonly ModelCatalog _catalog;
    private readonly ModelDownloaderOptions _options;
    private readonly ILogger<ModelDownloader> _logger;
    private readonly ResiliencePipeline _retry;

    public ModelDownloader(HttpClient http, ModelCatalog catalog, IOptions<ModelDownloaderOptions> options, ILogger<ModelDownloader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _retry = BuildRetry();
    }

    public ModelCatalog Catalog => _catalog;

    /// <summary>Catalog entries, each with whether its file is present in <paramref name="modelsDirectory"/>.</summary>
    public Task<IReadOnlyList<LocalModel>> ListAsync(string modelsDirectory, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<LocalModel> models = [.. _catalog.Entries.Select(entry =>
        {
            if (entry.File is null)
            {
                return new LocalModel(entry, false, null, null);
            }
            var info = new FileInfo(Path.Combine(modelsDirectory, LocalName(entry.File)));
            return info.Exists ? new LocalModel(entry, true, info.FullName, info.Length) : new LocalModel(entry, false, info.FullName, null);
        })];
        return Task.FromResult(models);
    }

    /// <summary>The hub's description of the model's file: size and sha256 (tree API, LFS object id).</summary>
    public async Task<RemoteFile> GetRemoteFileAsync(ModelEntry model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        string file = RequireFile(model);
        int slash = file.LastIndexOf('/');
        string folder = slash < 0 ? "" : "/" + file[..slash];
        var uri = new Uri($"{BaseUrl}/api/models/{model.Repository}/tree/{Uri.EscapeDataString(_options.Revision)}{folder}");

        using var request = NewRequest(HttpMethod.Get, uri);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The hub answered {(int)response.StatusCode} {response.ReasonPhrase} for the file list of {model.Repository}.", null, response.StatusCode);
        }
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var entries = await JsonSerializer.DeserializeAsync(stream, TreeJsonContext.Default.ListTreeEntry, cancellationToken).ConfigureAwait(false) ?? [];
            var found = entries.FirstOrDefault(e => string.Equals(e.Path, file, StringComparison.Ordinal))
                ?? throw new FileNotFoundException($"{model.Repository} has no file {file} at revision {_options.Revision}.", file);
            if (found.Lfs?.Oid is not { Length: 64 } oid)
            {
                throw new InvalidOperationException($"The hub gives no LFS sha256 for {model.Repository}/{file}; it cannot be verified.");
            }
            return new RemoteFile(model.Repository, file, found.Lfs.Size ?? found.Size, oid.ToLowerInvariant());
        }
    }

    /// <summary>
    /// Downloads <paramref name="name"/> into <paramref name="modelsDirectory"/>, resuming a partial file from an
    /// earlier pull, retrying transient network failures, and verifying the sha256 against the hub's.
    /// </summary>
    public async Task<PullResult> PullAsync(string name, string modelsDirectory, IProgress<(long Done, long Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var model = _catalog.Get(name);
        string file = RequireFile(model);
        Directory.CreateDirectory(modelsDirectory);
        string target = Path.GetFullPath(Path.Combine(modelsDirectory, LocalName(file)));
        string partial = target + PartialSuffix;

        var remote = await GetRemoteFileAsync(model, cancellationToken).ConfigureAwait(false);
        LogRemote(model.Name, remote.Size, remote.Sha256);

        if (File.Exists(target) && new FileInfo(target).Length == remote.Size
            && await ReadSidecarAsync(target, cancellationToken).ConfigureAwait(false) is { } recorded
            && string.Equals(recorded, remote.Sha256, StringComparison.Ordinal))
        {
            LogAlreadyPresent(model.Name);
            progress?.Report((remote.Size, remote.Size));
            return new PullResult(model, target, remote.Size, remote.Sha256, AlreadyPresent: true, ResumedFromBytes: 0, Attempts: 0);
        }

        long resumedFrom = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        var uri = new Uri($"{BaseUrl}/{model.Repository}/resolve/{Uri.EscapeDataString(_options.Revision)}/{file}");
        int attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ModelKey, model.Name);
        context.Properties.Set(PartialKey, partial);
        try
        {
            // Each attempt resumes from whatever the previous one left in the partial file.
            await _retry.ExecuteAsync(async ctx =>
            {
                attempts++;
                await DownloadOnceAsync(uri, partial, remote.Size, progress, ctx.CancellationToken).ConfigureAwait(false);
            }, context).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        string actual = await HashFileAsync(partial, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(actual, remote.Sha256, StringComparison.Ordinal))
        {
            File.Delete(partial);
            LogMismatch(model.Name, remote.Sha256, actual);
            throw new ModelIntegrityException(file, remote.Sha256, actual);
        }
        File.Move(partial, target, overwrite: true);
        await WriteSidecarAsync(target, actual, cancellationToken).ConfigureAwait(false);
        LogPulled(model.Name, remote.Size, attempts);
        return new PullResult(model, target, remote.Size, actual, AlreadyPresent: false, resumedFrom, attempts);
    }

    /// <summary>
    /// Re-hashes the local file of <paramref name="name"/>. The expected hash is the sidecar written at pull
    /// time when there is one (no network needed), else the hub's metadata; <see cref="VerifyResult.Source"/> says which.
    /// </summary>
    public async Task<VerifyResult> VerifyAsync(string name, string modelsDirectory, CancellationToken cancellationToken = default)
    {
        var model = _catalog.Get(name);
        string file = RequireFile(model);
        string target = Path.GetFullPath(Path.Combine(modelsDirectory, LocalName(file)));
        if (!File.Exists(target))
        {
            throw new FileNotFoundException($"{model.Name} is not in {modelsDirectory}; run `meditron models pull {model.Name}`.", target);
        }

        string source = VerifyResult.SidecarSource;
        string? expected = await ReadSidecarAsync(target, cancellationToken).ConfigureAwait(false);
        if (expected is null)
        {
            source = VerifyResult.HubSource;
            expected = (await GetRemoteFileAsync(model, cancellationToken).ConfigureAwait(false)).Sha256;
        }
        string actual = await HashFileAsync(target, cancellationToken).ConfigureAwait(false);
        bool ok = string.Equals(expected, actual, StringComparison.Ordinal);
        LogVerified(model.Name, ok, source);
        return new VerifyResult(model, target, ok, expected, actual, source);
    }

    private async Task DownloadOnceAsync(Uri uri, string partial, long total, IProgress<(long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        long have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (have > total)
        {
            File.Delete(partial);
            have = 0;
        }
        if (have == total && total > 0)
        {
            progress?.Report((have, total));
            return;
        }

        using var request = NewRequest(HttpMethod.Get, uri);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

        FileMode mode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent when response.Content.Headers.ContentRange?.From == have:
                mode = FileMode.Append;
                LogResuming(have);
                break;
            case HttpStatusCode.OK:
                mode = FileMode.Create; // no range support (or no partial): start from zero
                if (have > 0)
                {
                    LogRangeIgnored(have);
                }
                have = 0;
                break;
            case HttpStatusCode.PartialContent:
            case HttpStatusCode.RequestedRangeNotSatisfiable:
                // A range other than the one asked for, or one the server will not serve: start again.
                File.Delete(partial);
                throw new HttpRequestException($"The server could not resume at byte {have} ({(int)response.StatusCode}); the partial file was discarded.", null, HttpStatusCode.ServiceUnavailable);
            default:
                throw new HttpRequestException($"The hub answered {(int)response.StatusCode} {response.ReasonPhrase} for {uri}.", null, response.StatusCode);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var output = new FileStream(partial, mode, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
            await using (output.ConfigureAwait(false))
            {
                byte[] buffer = new byte[_options.BufferBytes];
                long done = have;
                progress?.Report((done, total));
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    done += read;
                    progress?.Report((done, total));
                    cancellationToken.ThrowIfCancellationRequested();
                }
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (done < total)
                {
                    throw new IOException($"The download ended at byte {done} of {total}.");
                }
            }
        }
    }

    /// <summary>
    /// Up to <see cref="ModelDownloaderOptions.MaxAttempts"/> attempts in all, the delay doubling from
    /// <see cref="ModelDownloaderOptions.RetryDelayMilliseconds"/>; the last failure is thrown as is.
    /// </summary>
    private ResiliencePipeline BuildRetry()
    {
        if (_options.MaxAttempts <= 1)
        {
            return ResiliencePipeline.Empty; // Polly wants at least one retry.
        }
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e, args.Context.CancellationToken)),
                MaxRetryAttempts = _options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(_options.RetryDelayMilliseconds),
                OnRetry = args =>
                {
                    args.Context.Properties.TryGetValue(ModelKey, out string? model);
                    args.Context.Properties.TryGetValue(PartialKey, out string? partial);
                    long have = partial is not null && File.Exists(partial) ? new FileInfo(partial).Length : 0;
                    LogRetry(args.Outcome.Exception!, model ?? "?", args.AttemptNumber + 1, have, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Network failures worth another attempt; cancellation by the caller and 4xx answers are not.</summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        _ when cancellationToken.IsCancellationRequested => false,
        HttpRequestException { StatusCode: { } status } => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        HttpRequestException or IOException => true,
        TaskCanceledException { InnerException: TimeoutException } => true, // HttpClient.Timeout
        _ => false,
    };

    private HttpRequestMessage NewRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        if (!string.IsNullOrEmpty(_options.AccessToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
        }
        return request;
    }

    private string BaseUrl => _options.BaseUrl.TrimEnd('/');

    private static string RequireFile(ModelEntry model) =>
        model.File ?? throw new InvalidOperationException($"{model.Name}: no GGUF file is published for {model.Repository}. {model.Note}");

    /// <summary>Files in a repository folder are stored flat in the models directory.</summary>
    private static string LocalName(string file) => file[(file.LastIndexOf('/') + 1)..];

    internal static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1024 * 1024, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            byte[] hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(hash);
        }
    }

    private static async Task<string?> ReadSidecarAsync(string target, CancellationToken cancellationToken)
    {
        string sidecar = target + SidecarSuffix;
        if (!File.Exists(sidecar))
        {
            return null;
        }
        string text = await File.ReadAllTextAsync(sidecar, cancellationToken).ConfigureAwait(false);
        string hash = text.Split([' ', '\t', '\n', '\r'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return hash.Length == 64 ? hash.ToLowerInvariant() : null;
    }

    /// <summary>sha256sum format, so `sha256sum -c` works in the models directory.</summary>
    private static Task WriteSidecarAsync(string target, string sha256, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(target + SidecarSuffix, string.Create(CultureInfo.InvariantCulture, $"{sha256}  {Path.GetFileName(target)}\n"), cancellationToken);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Model {Model}: hub file of {Bytes} bytes, sha256 {Sha256}")]
    private partial void LogRemote(string model, long bytes, string sha256);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Model {Model} is already present and verified")]
    private partial void LogAlreadyPresent(string model);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Resuming download at byte {Offset}")]
    private partial void LogResuming(long offset);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "The server ignored the range request at byte {Offset}; downloading from the start")]
    private partial void LogRangeIgnored(long offset);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Download of {Model} failed on attempt {Attempt} with {Bytes} bytes kept; retrying in {DelayMs} ms")]
    private partial void LogRetry(Exception exception, string model, int attempt, long bytes, double delayMs);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Error, Message = "Model {Model}: sha256 mismatch, expected {Expected}, got {Actual}; partial file deleted")]
    private partial void LogMismatch(string model, string expected, string actual);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "Model {Model}: {Bytes} bytes downloaded and verified in {Attempts} attempt(s)")]
    private partial void LogPulled(string model, long bytes, int attempts);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Information, Message = "Model {Model} verified: {Ok} (expected hash from {Source})")]
    private partial void LogVerified(string model, bool ok, string source);
}

/// <summary>One entry of the hub's tree API.</summary>
internal sealed record TreeEntry(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("lfs")] TreeLfs? Lfs);

internal sealed record TreeLfs(
    [property: JsonPropertyName("oid")] string? Oid,
    [property: JsonPropertyName("size")] long? Size);

[JsonSerializable(typeof(List<TreeEntry>))]
internal sealed partial class TreeJsonContext : JsonSerializerContext;
