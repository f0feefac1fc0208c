using Meditron.Cli.Tests.Serve;
using Meditron.Tests.Support;
using Microsoft.Playwright;

namespace Meditron.Cli.Tests.Web;

/// <summary>
/// One `meditron serve` (embedded shape, real Kestrel on loopback) with the IFRC cholera tool uploaded and indexed, and
/// one headless chromium, shared by the browser tests of a class. Screenshots go to MEDITRON_TEST_SCREENSHOTS (CI sets
/// it under its results folder), else to screenshots/ beside the tests.
/// </summary>
public sealed class WebPageServer : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private IPlaywright? _playwright;

    internal ServeProcess Serve { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string DataDirectory => _dir.Combine("data");

    /// <summary>The uploaded cholera tool's document id.</summary>
    public string CholeraId { get; private set; } = null!;

    /// <summary>A key with every scope (ask, ingest, admin), as an administrator would hand out.</summary>
    public string Key { get; private set; } = null!;

    public string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("MEDITRON_TEST_SCREENSHOTS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            return;
        }
        var environment = new Dictionary<string, string> { ["MEDITRON_Messaging__Transport"] = "InProcess" };
        Serve = await ServeProcess.StartAsync(DataDirectory, environment);
        Key = Serve.Client.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        await Serve.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        CholeraId = await DocumentCalls.UploadAndWaitAsync(Serve.Client, CholeraTool.Pdf(), CholeraTool.File, CholeraTool.Fields);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh browser context (its own session storage) at <paramref name="width"/> px, on the page.</summary>
    public async Task<IPage> OpenPageAsync(int width = 1280, int height = 900, string? path = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            BaseURL = Serve.BaseUrl,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path ?? "/");
        return page;
    }

    /// <summary>Enters the key in the page's key form and waits for the ask view.</summary>
    public async Task SignInAsync(IPage page)
    {
        await page.FillAsync("#key-input", Key);
        await page.PressAsync("#key-input", "Enter");
        await page.Locator("#ask-view").WaitForAsync();
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (Serve is not null)
        {
            await Serve.DisposeAsync();
        }
    }

    public void Dispose() => _dir.Dispose();
}
