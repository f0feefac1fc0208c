using Microsoft.Playwright;

namespace Meditron.Cli.Tests.Web;

/// <summary>
/// Debian's chromium (installed by scripts/setup), driven by Playwright: Playwright never downloads a browser here.
/// MEDITRON_TEST_CHROMIUM names another executable.
/// </summary>
internal static class Chromium
{
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("MEDITRON_TEST_CHROMIUM") is { Length: > 0 } configured
        ? configured
        : "/usr/bin/chromium";

    /// <summary>Why the browser tests cannot run here; null when they can. In CI they always run (a missing browser fails them).</summary>
    public static string? SkipReason =>
        Meditron.Tests.Support.Corpus.SkipReason
        ?? (File.Exists(ExecutablePath) || Environment.GetEnvironmentVariable("CI") is { Length: > 0 }
            ? null
            : $"No browser at {ExecutablePath}: run scripts/setup (it installs Debian's chromium) or set MEDITRON_TEST_CHROMIUM.");

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        // A closed network: without these, chromium keeps reaching for Google's services. --no-sandbox: CI runs as root.
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        ],
    });
}

public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        Skip = Chromium.SkipReason!;
    }
}
