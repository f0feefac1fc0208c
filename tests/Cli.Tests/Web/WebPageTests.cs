using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meditron.Cli.Tests.Serve;
using Meditron.Tests.Support;
using Microsoft.Playwright;

namespace Meditron.Cli.Tests.Web;

/// <summary>
/// The clinic web page in a real browser (Debian's chromium through Playwright) against a real `meditron serve` on
/// loopback with the IFRC cholera tool indexed: ask, the streamed draft, the checked answer, the cited page, feedback,
/// an abstention, uploads, a phone-width screen, keyboard use and the interface languages.
/// </summary>
public sealed class WebPageTests(WebPageServer server) : IClassFixture<WebPageServer>
{
    private const string OutOfCorpusQuestion = "What is the dose of nirsevimab for RSV prophylaxis in preterm infants?";

    [BrowserFact]
    public async Task Ask_streams_a_draft_then_the_checked_answer_whose_citation_opens_the_pdf_at_its_page_and_feedback_is_stored()
    {
        var page = await server.OpenPageAsync();
        // No key in this session yet: the page asks for one, and refuses one the server does not know.
        await Assertions.Expect(page.Locator("#key-view")).ToBeVisibleAsync();
        await page.FillAsync("#key-input", "mdk_not_a_key");
        await page.PressAsync("#key-input", "Enter");
        await Assertions.Expect(page.Locator("#key-error")).ToHaveTextAsync("This key is not accepted here.");
        await server.SignInAsync(page);
        await Assertions.Expect(page.Locator("#privacy-notice")).ToContainTextAsync("Do not enter patient names");

        // Every draft text the page shows, as it shows it (the extractive engine streams fast: watch, don't poll).
        await page.EvaluateAsync("""
            () => {
              window.draftsSeen = [];
              new MutationObserver(() => { const t = document.getElementById('draft-text').textContent; if (t) window.draftsSeen.push(t); })
                .observe(document.getElementById('draft-text'), { childList: true, characterData: true, subtree: true });
            }
            """);
        var streamed = page.WaitForResponseAsync(r => r.Url.EndsWith("/v1/ask", StringComparison.Ordinal));
        await page.FillAsync("#question", CholeraTool.Question);
        await page.PressAsync("#question", "Control+Enter"); // the keyboard asks
        var askResponse = await streamed;
        Assert.Equal("text/event-stream", (await askResponse.HeaderValueAsync("content-type"))?.Split(';')[0]);

        await Assertions.Expect(page.Locator("#answer")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#draft")).ToBeHiddenAsync();
        Assert.NotEmpty(await page.EvaluateAsync<string[]>("() => window.draftsSeen"));

        // The same question over the API: the page shows that answer, its [n] as links, its sources in full.
        var expected = await AskAsync(CholeraTool.Question);
        var citations = expected.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        string answerText = await page.Locator("#answer-text").InnerTextAsync();
        Assert.Equal(expected.GetProperty("answer").GetString(), answerText);
        await Assertions.Expect(page.Locator("#answer-text a.cite")).ToHaveCountAsync(Regex.Count(answerText, @"\[\d+\]"));
        await Assertions.Expect(page.Locator("#sources > li")).ToHaveCountAsync(citations.Count);
        var first = citations[0];
        var firstSource = page.Locator("#source-1");
        await Assertions.Expect(firstSource).ToContainTextAsync(first.GetProperty("title").GetString()!);
        await Assertions.Expect(firstSource).ToContainTextAsync("IFRC, edition 2022");
        await Assertions.Expect(firstSource).ToContainTextAsync(first.GetProperty("section").GetString()!);
        await Assertions.Expect(firstSource.Locator("q")).ToHaveTextAsync(first.GetProperty("quote").GetString()!);
        await server.ScreenshotAsync(page, "answer");

        // [1] opens the stored PDF at the cited page beside the answer, with the quoted passage above it.
        await page.Locator("#answer-text a.cite").First.ClickAsync();
        var viewer = page.Locator("#viewer");
        await Assertions.Expect(viewer).ToBeVisibleAsync();
        await Assertions.Expect(viewer).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#viewer-quote")).ToHaveTextAsync(first.GetProperty("quote").GetString()!);
        var frame = page.Locator("#viewer-frame iframe");
        await Assertions.Expect(frame).ToHaveAttributeAsync("src", new Regex($"^blob:.*#page={first.GetProperty("page").GetInt32()}$"));
        string src = (await frame.GetAttributeAsync("src"))!;
        var pdf = await page.EvaluateAsync<JsonElement>("""
            async src => { const b = new Uint8Array(await (await fetch(src.split('#')[0])).arrayBuffer());
                           return { length: b.length, head: String.fromCharCode(...b.slice(0, 5)) }; }
            """, src);
        Assert.Equal("%PDF-", pdf.GetProperty("head").GetString());
        Assert.Equal(CholeraTool.Pdf().Length, pdf.GetProperty("length").GetInt32());
        await page.WaitForTimeoutAsync(4000); // the browser's PDF viewer draws the page for the screenshot
        await server.ScreenshotAsync(page, "cited-page");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(viewer).ToBeHiddenAsync();

        // Feedback on this answer: stored with the question, the answer and its citations, and exported for review.
        await page.CheckAsync("#feedback input[name=helpful][value=false]");
        await page.CheckAsync("#feedback input[name=category][value=wrong_page]");
        await page.FillAsync("#feedback-comment", "The dose is on the next page.");
        await page.ClickAsync("#feedback button[type=submit]");
        await Assertions.Expect(page.Locator("#feedback-status")).ToHaveTextAsync("Thank you. Your feedback is saved for review.");

        using var listed = await server.Serve.Client.GetAsync("/v1/feedback");
        var items = (await ApiAssert.JsonAsync(listed, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var stored = Assert.Single(items, i => i.GetProperty("comment").GetString() == "The dose is on the next page.");
        Assert.False(stored.GetProperty("helpful").GetBoolean());
        Assert.Equal(["wrong_page"], stored.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(CholeraTool.Question, stored.GetProperty("question").GetString());
        Assert.Equal(answerText, stored.GetProperty("answer").GetProperty("answer").GetString());
        Assert.Equal(citations.Count, stored.GetProperty("answer").GetProperty("citations").GetArrayLength());

        var exported = await CliRunner.RunAsync("feedback", "export", "--csv", "--data", server.DataDirectory);
        Assert.True(exported.ExitCode == 0, exported.Stderr);
        Assert.Contains("The dose is on the next page.", exported.Stdout, StringComparison.Ordinal);
        Assert.Contains("wrong_page", exported.Stdout, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task A_question_the_guidelines_do_not_cover_reads_as_an_abstention_with_related_passages()
    {
        var page = await server.OpenPageAsync();
        await server.SignInAsync(page);
        await page.FillAsync("#question", OutOfCorpusQuestion);
        await page.ClickAsync("#ask-button");

        await Assertions.Expect(page.Locator("#abstention")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#abstention-title")).ToHaveTextAsync("The guidelines loaded here do not cover this.");
        await Assertions.Expect(page.Locator("#answer")).ToBeHiddenAsync();
        Assert.True(await AskAsync(OutOfCorpusQuestion) is var expected && expected.GetProperty("abstained").GetBoolean(), "the API declines it too");
        await Assertions.Expect(page.Locator("#abstention-detail")).ToHaveTextAsync(expected.GetProperty("answer").GetString()!);
        var related = page.Locator("#related > li");
        await Assertions.Expect(related.First).ToContainTextAsync("IFRC, edition 2022");
        Assert.InRange((await related.First.Locator("q").InnerTextAsync()).Length, 1, 281); // the start of the passage; the viewer shows it all
        await related.First.Locator("button.open-page").ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-frame iframe")).ToHaveAttributeAsync("src", new Regex(@"^blob:.*#page=\d+$"));
        await server.ScreenshotAsync(page, "abstention");
    }

    [BrowserFact]
    public async Task Documents_show_status_and_current_edition_a_failed_upload_shows_its_reason_and_a_good_one_is_indexed()
    {
        var page = await server.OpenPageAsync();
        await server.SignInAsync(page);
        await page.ClickAsync("#nav-documents");
        var cholera = page.Locator($"#documents tr[data-document-id='{server.CholeraId}']");
        await Assertions.Expect(cholera).ToContainTextAsync("indexed");
        await Assertions.Expect(cholera.Locator("td").Nth(5)).ToHaveTextAsync("yes");

        // Not a PDF: refused, with the server's reason on the page.
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "notes.pdf", MimeType = "application/pdf", Buffer = "just some notes"u8.ToArray() });
        await page.ClickAsync("#upload-button");
        var status = page.Locator("#upload-status");
        await Assertions.Expect(status).ToHaveClassAsync("error");
        await Assertions.Expect(status).ToContainTextAsync("The upload failed:");
        string reason = (await status.InnerTextAsync())["The upload failed:".Length..].Trim();
        Assert.False(string.IsNullOrEmpty(reason));
        await server.ScreenshotAsync(page, "upload-failed");

        // A real PDF: progress, then queued, then indexed in the table.
        byte[] frenchPdf = File.ReadAllBytes(Corpus.File("ifrc_ecv_outil_maladie_02_cholera_fr.pdf"));
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "ifrc_ecv_outil_maladie_02_cholera_fr.pdf", MimeType = "application/pdf", Buffer = frenchPdf });
        await page.FillAsync("#upload-form input[name=publisher]", "IFRC");
        await page.SelectOptionAsync("#upload-form select[name=language]", "fr");
        await page.ClickAsync("#upload-button");
        await Assertions.Expect(status).ToHaveTextAsync("Uploaded. It is being indexed; its status shows below.");
        await Assertions.Expect(page.Locator("#documents tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#documents tbody tr[data-status=indexed]")).ToHaveCountAsync(2, new LocatorAssertionsToHaveCountOptions { Timeout = 60_000 });
        // The fields given in the form reached the registry.
        var listed = JsonDocument.Parse(await server.Serve.Client.GetStringAsync("/v1/documents")).RootElement.GetProperty("items");
        var frenchRecord = Assert.Single(listed.EnumerateArray(), d => d.GetProperty("file").GetString() == "ifrc_ecv_outil_maladie_02_cholera_fr.pdf");
        Assert.Equal("fr", frenchRecord.GetProperty("language").GetString());
        var french = page.Locator($"#documents tr[data-document-id='{frenchRecord.GetProperty("documentId").GetString()}']");
        await Assertions.Expect(french.Locator("td").Nth(1)).ToHaveTextAsync("IFRC");
        await Assertions.Expect(french.Locator("td").Nth(3)).ToHaveTextAsync("fr");

        // A PDF that is accepted but cannot be indexed (one blank page: no text, and OCR finds none): failed, with why.
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "blank.pdf", MimeType = "application/pdf", Buffer = BlankPagePdf() });
        await page.ClickAsync("#upload-button");
        await Assertions.Expect(status).ToHaveTextAsync("Uploaded. It is being indexed; its status shows below.");
        var failed = page.Locator("#documents tbody tr[data-status=failed]");
        await Assertions.Expect(failed).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 60_000 });
        await Assertions.Expect(failed.Locator("td.status")).ToContainTextAsync("failed");
        await Assertions.Expect(failed.Locator(".reason")).ToContainTextAsync("No text could be extracted");
        await Assertions.Expect(failed.Locator("td").Nth(5)).ToHaveTextAsync("no");
        await server.ScreenshotAsync(page, "documents");
    }

    [BrowserFact]
    public async Task The_filters_go_with_the_question()
    {
        var page = await server.OpenPageAsync();
        await server.SignInAsync(page);
        await page.ClickAsync("#filters summary");
        // The choices come from the documents loaded here.
        await Assertions.Expect(page.Locator("#filter-guideline option[value='ifrc-ecv-cholera']")).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#filter-guideline", "ifrc-ecv-cholera");
        await page.SelectOptionAsync("#filter-publisher", "IFRC");
        await page.SelectOptionAsync("#filter-language", "en");
        await page.CheckAsync("#filter-superseded");
        await page.FillAsync("#filter-asof", "2030-01-31");
        var sent = page.WaitForRequestAsync(r => r.Url.EndsWith("/v1/ask", StringComparison.Ordinal));
        await page.FillAsync("#question", CholeraTool.Question);
        await page.ClickAsync("#ask-button");

        var body = JsonDocument.Parse((await sent).PostData!).RootElement;
        var filters = body.GetProperty("filters");
        Assert.Equal(["ifrc-ecv-cholera"], filters.GetProperty("guidelines").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["IFRC"], filters.GetProperty("publishers").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["en"], filters.GetProperty("languages").EnumerateArray().Select(v => v.GetString()));
        Assert.True(body.GetProperty("includeSuperseded").GetBoolean());
        Assert.Equal("2030-01-31", body.GetProperty("asOf").GetString());
        await Assertions.Expect(page.Locator("#answer")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#source-1")).ToContainTextAsync("IFRC, edition 2022");

        // A publisher with nothing loaded here: nothing to draw on, so the page declines.
        await page.EvaluateAsync("() => { const s = document.getElementById('filter-publisher'); s.add(new Option('MSF', 'MSF')); s.value = 'MSF'; }");
        await page.ClickAsync("#ask-button");
        await Assertions.Expect(page.Locator("#abstention")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task On_a_phone_width_screen_the_page_fits_and_answers()
    {
        var page = await server.OpenPageAsync(width: 375, height: 812);
        await server.SignInAsync(page);
        await page.FillAsync("#question", CholeraTool.Question);
        await page.ClickAsync("#ask-button");
        await Assertions.Expect(page.Locator("#answer")).ToBeVisibleAsync();
        await page.Locator("#answer-text a.cite").First.ClickAsync();
        await Assertions.Expect(page.Locator("#viewer")).ToBeVisibleAsync();
        // Nothing wider than the screen: no sideways scrolling.
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375);
        var answerBox = await page.Locator("#answer").BoundingBoxAsync();
        Assert.NotNull(answerBox);
        Assert.True(answerBox.X >= 0 && answerBox.X + answerBox.Width <= 375, $"answer at {answerBox.X}+{answerBox.Width}");
        await page.WaitForTimeoutAsync(4000); // the browser's PDF viewer draws the page for the screenshot
        await server.ScreenshotAsync(page, "phone");
    }

    [BrowserFact]
    public async Task The_interface_speaks_french_and_spanish_and_is_usable_from_the_keyboard()
    {
        var page = await server.OpenPageAsync();
        await server.SignInAsync(page);

        // From the top of the page (a fresh load: the key is kept for the tab), Tab reaches the skip link, and the skip
        // link the question box.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#ask-view")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("a.skip")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(page.Locator("#question")).ToBeFocusedAsync();

        await page.SelectOptionAsync("#interface-language", "fr");
        await Assertions.Expect(page.Locator("#ask-button")).ToHaveTextAsync("Demander");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(page.Locator("#privacy-notice")).ToContainTextAsync("N'indiquez pas le nom d'un patient");
        await page.SelectOptionAsync("#interface-language", "es");
        await Assertions.Expect(page.Locator("#ask-button")).ToHaveTextAsync("Preguntar");
        await Assertions.Expect(page.Locator("#nav-documents")).ToHaveTextAsync("Documentos");

        // The choice holds on the next visit; the key holds for this tab's session.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#ask-button")).ToHaveTextAsync("Preguntar");
        await Assertions.Expect(page.Locator("#ask-view")).ToBeVisibleAsync();
        await page.ClickAsync("#forget-key");
        await Assertions.Expect(page.Locator("#key-view")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('meditron.key')"));
    }

    [BrowserFact]
    public async Task The_page_loads_nothing_from_elsewhere()
    {
        var page = await server.OpenPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await page.ReloadAsync();
        await server.SignInAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.NotEmpty(requested);
        Assert.All(requested, url => Assert.True(url.StartsWith(server.Serve.BaseUrl, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
        using var index = await server.Serve.Client.GetAsync("/");
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private static byte[] BlankPagePdf()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        return builder.Build();
    }

    private async Task<JsonElement> AskAsync(string question)
    {
        using var response = await server.Serve.Client.PostAsJsonAsync("/v1/ask", new { question });
        return await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
    }
}
