using System.ComponentModel;
using System.Diagnostics;
using Meditron.Application.Access;
using Meditron.Core.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Cli.Hosting;

/// <summary>
/// `serve --open` on a clinic laptop: a key of its own for the web page (ask and ingest; the one made by the last
/// --open is revoked), handed to the browser in the address's fragment, which browsers never send to a server. The
/// page moves it into the tab's session storage and drops it from the address at once.
/// </summary>
internal static class WebPageLauncher
{
    public const string KeyName = "web-page";

    public static async Task OpenAsync(IServiceProvider services, ICollection<string> urls, CancellationToken cancellationToken)
    {
        var keys = services.GetRequiredService<ApiKeyService>();
        await keys.RevokeAsync(KeyName, cancellationToken);
        var (_, secret) = await keys.CreateAsync(KeyName, [ApiScopes.Ask, ApiScopes.Ingest], cancellationToken);
        string page = PageAddress(urls);
        string withKey = $"{page}/#key={Uri.EscapeDataString(secret)}";
        if (TryStartBrowser(withKey))
        {
            await Console.Error.WriteLineAsync($"meditron serve: opened the web page at {page}/ with a new key named {KeyName} (ask, ingest)");
            return;
        }
        // Shown on this terminal only, never logged: the person who ran --open is the one who needs it.
        await Console.Error.WriteLineAsync($"meditron serve: no browser could be started; open this address (it holds the page's key): {withKey}");
    }

    /// <summary>The first address served, with a wildcard host made one a browser can reach on this machine.</summary>
    internal static string PageAddress(ICollection<string> urls)
    {
        var url = new UriBuilder(urls.First());
        if (url.Host is "0.0.0.0" or "[::]" or "+" or "*")
        {
            url.Host = "localhost";
        }
        return url.Uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>$BROWSER where it is set (the usual convention), else the desktop's opener.</summary>
    private static bool TryStartBrowser(string address)
    {
        string? browser = Environment.GetEnvironmentVariable("BROWSER")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var start = browser is not null ? new ProcessStartInfo(browser, [address])
            : OperatingSystem.IsWindows() ? new ProcessStartInfo(address) { UseShellExecute = true }
            : OperatingSystem.IsMacOS() ? new ProcessStartInfo("open", [address])
            : new ProcessStartInfo("xdg-open", [address]);
        start.RedirectStandardOutput = start.RedirectStandardError = !start.UseShellExecute; // the browser's chatter stays off our stdout
        try
        {
            using var process = Process.Start(start);
            return process is not null;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }
}
