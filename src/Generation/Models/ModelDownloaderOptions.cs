using System.ComponentModel.DataAnnotations;

namespace Meditron.Generation.Models;

/// <summary>Where and how models are downloaded. Bound from the "Models" section.</summary>
public sealed class ModelDownloaderOptions
{
    public const string SectionName = "Models";

    /// <summary>The hub: huggingface.co or a mirror that serves the same API (api/models/{repo}/tree/{revision} and {repo}/resolve/{revision}/{file}).</summary>
    [Required]
    public string BaseUrl { get; set; } = "https://huggingface.co";

    /// <summary>Branch, tag or commit of the repository.</summary>
    [Required]
    public string Revision { get; set; } = "main";

    /// <summary>Optional Hugging Face access token (for gated repositories); sent as a bearer token.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Attempts within one pull; each resumes from the partial file.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the second attempt; doubled for each further one.</summary>
    [Range(0, 600_000)]
    public int RetryDelayMilliseconds { get; set; } = 2_000;

    /// <summary>Copy buffer size.</summary>
    [Range(4_096, 64 * 1024 * 1024)]
    public int BufferBytes { get; set; } = 1024 * 1024;
}
