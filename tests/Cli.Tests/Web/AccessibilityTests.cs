using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Meditron.Cli.Tests.Serve;
using Microsoft.Playwright;

namespace Meditron.Cli.Tests.Web;

/// <summary>
/// The axe-core rules (WCAG 2.1 A and AA) in the browser, on each state of the page a clinician meets: the key form,
/// an answer with its cited page open, an abstention, the documents view. No violation of any impact.
/// </summary>
public sealed class AccessibilityTests(WebPageServer server) : IClassFixture<WebPageServer>
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        // The PDF viewer's own frame is the browser's, not the page's (its <iframe> element and title are checked).
        Iframes = false,
    };

    [BrowserFact]
    public async Task Every_state_of_the_page_passes_the_axe_rules()
    {
        var page = await server.OpenPageAsync();
        await AssertAccessibleAsync(page, "key form");

        await server.SignInAsync(page);
        await page.FillAsync("#question", CholeraTool.Question);
        await page.ClickAsync("#ask-button");
        await Assertions.Expect(page.Locator("#answer")).ToBeVisibleAsync();
        await page.Locator("#answer-text a.cite").First.ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-frame iframe")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "answer with its cited page");

        await page.FillAsync("#question", "What is the dose of nirsevimab for RSV prophylaxis in preterm infants?");
        await page.ClickAsync("#ask-button");
        await Assertions.Expect(page.Locator("#related > li").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "abstention");

        await page.ClickAsync("#nav-documents");
        await Assertions.Expect(page.Locator("#documents tbody tr").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "documents");
    }

    private static async Task AssertAccessibleAsync(IPage page, string state)
    {
        var results = await page.RunAxe(Wcag);
        var violations = results.Violations.ToList();
        Assert.True(violations.Count == 0, $"{state}: " + string.Join("; ", violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        Assert.NotEmpty(results.Passes);
    }
}
