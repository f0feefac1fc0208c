using System.ComponentModel.DataAnnotations;

namespace Meditron.Application.Syncing;

/// <summary>How `meditron sync` fetches its sources (section <c>Sync</c>).</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>
    /// Fetch plain http:// URLs of other hosts too. Off by default: a guideline fetched in clear text can be altered on
    /// the way. http:// on loopback (a local mirror, the tests) is always allowed.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>How long to wait for a server's answer, or for the next bytes of a download, before that try fails.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Retries of a request that failed transiently (no connection, 5xx, 408, 429, a timeout).</summary>
    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially (with jitter), or follow Retry-After.</summary>
    [Range(0, 600)]
    public double RetryDelaySeconds { get; set; } = 2;

    /// <summary>How many times a download broken off mid-body is resumed (a Range request) before the source fails.</summary>
    [Range(0, 20)]
    public int ResumeAttempts { get; set; } = 3;

    /// <summary>A larger download fails its source (a guideline PDF is rarely over 100 MB).</summary>
    [Range(1, 100_000)]
    public int MaxDownloadMegabytes { get; set; } = 1024;
}
