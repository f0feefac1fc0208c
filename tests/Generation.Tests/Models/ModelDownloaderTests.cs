using Meditron.Generation.Models;
using Meditron.Generation.Tests.OpenAi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Meditron.Generation.Tests.Models;

public sealed class ModelDownloaderTests : IDisposable
{
    private const string Repository = "acme/tiny-meditron-GGUF";
    private const string FileName = "tiny-meditron.Q4_K_M.gguf";
    private const int Size = 300 * 1024;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "meditron-models-" + Guid.NewGuid().ToString("N"));
    private readonly LocalHub _hub;
    private readonly HttpClient _http = new();

    public ModelDownloaderTests()
    {
        var content = new byte[Size];
        new Random(42).NextBytes(content);
        _hub = new LocalHub(Repository, FileName, content);
    }

    public void Dispose()
    {
        _http.Dispose();
        _hub.Dispose();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string Target => Path.Combine(_dir, FileName);

    private string Partial => Target + ModelDownloader.PartialSuffix;

    private ModelDownloader Downloader(int bufferBytes = 8 * 1024, ILogger<ModelDownloader>? logger = null) => new(
        _http,
        new ModelCatalog([new ModelEntry("tiny", Repository, FileName, 2048, PromptFormats.Completion, Size, "test model")]),
        Options.Create(new ModelDownloaderOptions { BaseUrl = _hub.BaseUrl, RetryDelayMilliseconds = 10, BufferBytes = bufferBytes }),
        logger ?? NullLogger<ModelDownloader>.Instance);

    [Fact]
    public async Task Pull_downloads_verifies_and_writes_sidecar()
    {
        var reports = new List<(long Done, long Total)>();
        var result = await Downloader().PullAsync("tiny", _dir, new SyncProgress(reports.Add));

        Assert.Equal(_hub.Content, await File.ReadAllBytesAsync(Target));
        Assert.False(File.Exists(Partial));
        Assert.Equal(_hub.Sha256, result.Sha256);
        Assert.False(result.AlreadyPresent);
        Assert.Equal(1, result.Attempts);
        Assert.StartsWith(_hub.Sha256, await File.ReadAllTextAsync(Target + ModelDownloader.SidecarSuffix));
        Assert.Equal((Size, Size), reports[^1]);
        Assert.All(reports, r => Assert.Equal(Size, r.Total));

        var verified = await Downloader().VerifyAsync("tiny", _dir);
        Assert.True(verified.Ok);
        Assert.Equal(VerifyResult.SidecarSource, verified.Source);
    }

    [Fact]
    public async Task Pull_again_skips_a_verified_file()
    {
        await Downloader().PullAsync("tiny", _dir);
        var again = await Downloader().PullAsync("tiny", _dir);

        Assert.True(again.AlreadyPresent);
        Assert.Single(_hub.DownloadRanges);
    }

    [Fact]
    public async Task Broken_connection_mid_file_resumes_with_a_range_request()
    {
        _hub.AbortFirstDownloadAfterBytes = 100 * 1024;

        var result = await Downloader().PullAsync("tiny", _dir);

        Assert.Equal(_hub.Content, await File.ReadAllBytesAsync(Target));
        Assert.Equal(2, result.Attempts);
        string[] ranges = [.. _hub.DownloadRanges];
        Assert.Equal("", ranges[0]);
        Assert.Matches(@"^bytes=\d+-$", ranges[1]);
        long resumedAt = long.Parse(ranges[1]["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(resumedAt, 1, 100 * 1024);
    }

    [Fact]
    public async Task Server_that_ignores_range_restarts_from_zero()
    {
        _hub.AbortFirstDownloadAfterBytes = 100 * 1024;
        _hub.IgnoreRange = true;

        var result = await Downloader().PullAsync("tiny", _dir);

        Assert.Equal(_hub.Content, await File.ReadAllBytesAsync(Target));
        Assert.Equal(2, result.Attempts);
        Assert.StartsWith("bytes=", _hub.DownloadRanges.Last());
    }

    [Fact]
    public async Task Connection_broken_on_every_attempt_gives_up_after_max_attempts_and_keeps_the_partial()
    {
        _hub.AbortFirstDownloadAfterBytes = 32 * 1024;
        _hub.AbortedDownloads = int.MaxValue;
        var logger = new CapturingLogger<ModelDownloader>();

        // The last failure as is: the body ended early.
        await Assert.ThrowsAnyAsync<IOException>(() => Downloader(logger: logger).PullAsync("tiny", _dir));

        // Three attempts (the default), each resuming where the last one stopped; delays of 10 then 20 ms.
        string[] ranges = [.. _hub.DownloadRanges];
        Assert.Equal(3, ranges.Length);
        Assert.Equal("", ranges[0]);
        Assert.All(ranges[1..], r => Assert.Matches(@"^bytes=\d+-$", r));
        long second = long.Parse(ranges[1]["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        long third = long.Parse(ranges[2]["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(second, 1, third - 1);
        Assert.False(File.Exists(Target));
        Assert.True(File.Exists(Partial));
        var retries = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains("failed on attempt 1 with ", retries[0], StringComparison.Ordinal);
        Assert.Contains("retrying in 10 ms", retries[0], StringComparison.Ordinal);
        Assert.Contains("failed on attempt 2 with ", retries[1], StringComparison.Ordinal);
        Assert.Contains("retrying in 20 ms", retries[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_hash_in_metadata_fails_clearly_and_leaves_no_file()
    {
        string wrong = new('0', 64);
        _hub.AdvertisedSha256 = wrong;

        var e = await Assert.ThrowsAsync<ModelIntegrityException>(() => Downloader().PullAsync("tiny", _dir));

        Assert.Contains($"sha256 mismatch for {FileName}: expected {wrong}, got {_hub.Sha256}", e.Message);
        Assert.False(File.Exists(Target));
        Assert.False(File.Exists(Partial));
        Assert.False(File.Exists(Target + ModelDownloader.SidecarSuffix));
    }

    [Fact]
    public async Task Cancelled_pull_leaves_partial_and_next_pull_resumes()
    {
        _hub.ChunkDelay = TimeSpan.FromMilliseconds(20);
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Done >= 64 * 1024)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Downloader().PullAsync("tiny", _dir, progress, cts.Token));

        Assert.False(File.Exists(Target));
        long kept = new FileInfo(Partial).Length;
        Assert.InRange(kept, 64 * 1024, Size - 1);

        _hub.ChunkDelay = TimeSpan.Zero;
        var result = await Downloader().PullAsync("tiny", _dir);

        Assert.Equal(kept, result.ResumedFromBytes);
        Assert.Equal($"bytes={kept}-", _hub.DownloadRanges.Last());
        Assert.Equal(_hub.Content, await File.ReadAllBytesAsync(Target));
        Assert.False(File.Exists(Partial));
    }

    [Fact]
    public async Task Verify_detects_a_corrupted_file_offline_and_against_the_hub()
    {
        await Downloader().PullAsync("tiny", _dir);
        await using (var stream = new FileStream(Target, FileMode.Open, FileAccess.Write))
        {
            stream.Position = Size / 2;
            stream.WriteByte((byte)(_hub.Content[Size / 2] ^ 0xFF));
        }

        var offline = await Downloader().VerifyAsync("tiny", _dir);
        Assert.False(offline.Ok);
        Assert.Equal(VerifyResult.SidecarSource, offline.Source);
        Assert.Equal(_hub.Sha256, offline.Expected);

        File.Delete(Target + ModelDownloader.SidecarSuffix);
        var online = await Downloader().VerifyAsync("tiny", _dir);
        Assert.False(online.Ok);
        Assert.Equal(VerifyResult.HubSource, online.Source);
        Assert.Equal(_hub.Sha256, online.Expected);
    }

    [Fact]
    public async Task List_shows_which_models_are_present()
    {
        var before = await Downloader().ListAsync(_dir);
        Assert.False(Assert.Single(before).Present);

        await Downloader().PullAsync("tiny", _dir);

        var after = Assert.Single(await Downloader().ListAsync(_dir));
        Assert.True(after.Present);
        Assert.Equal(Size, after.Bytes);
    }

    [Fact]
    public async Task Unknown_model_names_the_known_ones()
    {
        var e = await Assert.ThrowsAsync<KeyNotFoundException>(() => Downloader().PullAsync("meditron-13b", _dir));
        Assert.Contains("tiny", e.Message);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to a context, too late to cancel mid-way).</summary>
    private sealed class SyncProgress(Action<(long Done, long Total)> report) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value) => report(value);
    }
}
