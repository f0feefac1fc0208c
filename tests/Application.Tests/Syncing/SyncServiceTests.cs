using System.Security.Cryptography;
using Meditron.Application.Syncing;
using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Ingestion.Intake;
using Meditron.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Application.Tests.Syncing;

/// <summary>`meditron sync` in the embedded shape (ingested in process) against a real HTTP server on loopback.</summary>
public sealed class SyncServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly byte[] Malaria2023 = SmallPdfs.Guideline("1 Malaria", "Treat uncomplicated malaria with an artemisinin-based combination therapy.");
    private static readonly byte[] Malaria2025 = SmallPdfs.Guideline("1 Malaria", "Treat uncomplicated malaria with artemether-lumefantrine for three days.");
    private static readonly byte[] Cholera = SmallPdfs.Guideline("2 Cholera", "Give oral rehydration salts after each loose stool.");

    private GuidelineServer _server = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await GuidelineServer.StartAsync();
        _host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sync:RetryDelaySeconds"] = "0",
            ["Sync:TimeoutSeconds"] = "10",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    private SyncService Sync => _host.Services.GetRequiredService<SyncService>();

    private IDocumentRegistry Registry => _host.Services.GetRequiredService<IDocumentRegistry>();

    /// <summary>A SOURCES list: (file, guideline key, edition, source) per row.</summary>
    private static IReadOnlyList<SyncSource> Sources(params (string File, string Guideline, string Edition, string Source)[] rows) =>
        SourceList.Parse(
            ["file\tpublisher\ttitle\tlanguage\tguideline\tedition\tsource", .. rows.Select(r => $"{r.File}\tWHO\t{r.Guideline}\ten\t{r.Guideline}\t{r.Edition}\t{r.Source}")],
            Path.GetTempPath());

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task A_new_file_is_ingested_and_its_validators_are_kept()
    {
        _server.Serve("malaria.pdf", Malaria2023, "\"m-2023\"");
        var sources = Sources(("malaria.pdf", "who-malaria", "2023", _server.Url("malaria.pdf").ToString()));

        var report = await Sync.SyncAsync(sources, null, Ct);

        Assert.Equal((1, 0, 1, 0), (report.Checked, report.Unchanged, report.Enqueued, report.Failed.Count));
        var source = Assert.Single(report.Sources);
        Assert.Equal((SyncSourceReport.EnqueuedStatus, SyncSourceReport.IndexedDetail), (source.Status, source.Detail));
        var document = await Registry.GetAsync(source.DocumentId!, Ct);
        Assert.Equal((DocumentStatus.Indexed, true, "malaria.pdf", "2023"), (document!.Status, document.Current, document.File, document.Metadata.Edition));
        var state = await _host.Services.GetRequiredService<ISyncSourceStore>().GetAsync(sources[0].Source, Ct);
        Assert.Equal(("\"m-2023\"", new DateTimeOffset(2025, 8, 13, 10, 0, 0, TimeSpan.Zero), Sha256(Malaria2023)), (state!.ETag, state.LastModified, state.Sha256));
    }

    [Fact]
    public async Task An_unchanged_file_is_answered_304_to_a_request_that_carried_its_etag()
    {
        _server.Serve("malaria.pdf", Malaria2023, "\"m-2023\"");
        var sources = Sources(("malaria.pdf", "who-malaria", "2023", _server.Url("malaria.pdf").ToString()));
        var first = await Sync.SyncAsync(sources, null, Ct);

        var second = await Sync.SyncAsync(sources, null, Ct);

        Assert.Equal((1, 1, 0, 0), (second.Checked, second.Unchanged, second.Enqueued, second.Failed.Count));
        var source = Assert.Single(second.Sources);
        Assert.Equal((SyncSourceReport.NotModifiedDetail, first.Sources[0].DocumentId), (source.Detail, source.DocumentId));
        var requests = _server.RequestsFor("malaria.pdf");
        Assert.Equal(2, requests.Count);
        Assert.Equal(("", ""), (requests[0].IfNoneMatch, requests[0].IfModifiedSince));
        Assert.Equal("\"m-2023\"", requests[1].IfNoneMatch);
        Assert.NotEmpty(requests[1].IfModifiedSince);
    }

    [Fact]
    public async Task A_changed_file_is_a_new_edition_that_becomes_current_once_indexed()
    {
        _server.Serve("malaria.pdf", Malaria2023, "\"m-2023\"");
        var first = await Sync.SyncAsync(Sources(("malaria.pdf", "who-malaria", "2023", _server.Url("malaria.pdf").ToString())), null, Ct);
        _server.Serve("malaria.pdf", Malaria2025, "\"m-2025\"");

        var second = await Sync.SyncAsync(Sources(("malaria.pdf", "who-malaria", "2025", _server.Url("malaria.pdf").ToString())), null, Ct);

        Assert.Equal((1, 0, 1), (second.Checked, second.Unchanged, second.Enqueued));
        Assert.Equal("\"m-2023\"", _server.RequestsFor("malaria.pdf")[1].IfNoneMatch);
        var old = await Registry.GetAsync(first.Sources[0].DocumentId!, Ct);
        var current = await Registry.GetAsync(second.Sources[0].DocumentId!, Ct);
        Assert.NotEqual(old!.DocumentId, current!.DocumentId);
        Assert.Equal((false, true, "2025"), (old.Current, current.Current, current.Metadata.Edition));
    }

    [Fact]
    public async Task The_same_content_under_another_url_is_unchanged_without_being_ingested_again()
    {
        _server.Serve("a/malaria.pdf", Malaria2023, "\"a\"");
        _server.Serve("b/malaria.pdf", Malaria2023, "\"b\"");
        await Sync.SyncAsync(Sources(("malaria.pdf", "who-malaria", "2023", _server.Url("a/malaria.pdf").ToString())), null, Ct);

        var report = await Sync.SyncAsync(Sources(("malaria.pdf", "who-malaria", "2023", _server.Url("b/malaria.pdf").ToString())), null, Ct);

        Assert.Equal((1, 1, 0), (report.Checked, report.Unchanged, report.Enqueued));
        Assert.Equal(SyncSourceReport.SameContentDetail, report.Sources[0].Detail);
    }

    [Fact]
    public async Task A_404_fails_that_source_alone_and_the_others_are_still_synced()
    {
        _server.Serve("cholera.pdf", Cholera, "\"c\"");
        var sources = Sources(
            ("gone.pdf", "who-gone", "2020", _server.Url("gone.pdf").ToString()),
            ("cholera.pdf", "who-cholera", "2024", _server.Url("cholera.pdf").ToString()));

        var report = await Sync.SyncAsync(sources, null, Ct);

        Assert.Equal((2, 0, 1), (report.Checked, report.Unchanged, report.Enqueued));
        var failure = Assert.Single(report.Failed);
        Assert.Equal(sources[0].Source, failure.Source);
        Assert.StartsWith("HTTP 404 Not Found", failure.Reason, StringComparison.Ordinal);
        Assert.Single(_server.RequestsFor("gone.pdf")); // a 404 is not transient: no retry
    }

    [Fact]
    public async Task A_transient_503_is_retried()
    {
        _server.Serve("cholera.pdf", Cholera, "\"c\"").FailFirst(2);

        var report = await Sync.SyncAsync(Sources(("cholera.pdf", "who-cholera", "2024", _server.Url("cholera.pdf").ToString())), null, Ct);

        Assert.Equal((1, 1, 0), (report.Checked, report.Enqueued, report.Failed.Count));
        Assert.Equal(3, _server.RequestsFor("cholera.pdf").Count);
    }

    [Fact]
    public async Task A_download_broken_off_midway_is_resumed_with_a_range_request_for_the_rest()
    {
        _server.Serve("malaria.pdf", Malaria2023, "\"m-2023\"").BreakFirst(1);

        var report = await Sync.SyncAsync(Sources(("malaria.pdf", "who-malaria", "2023", _server.Url("malaria.pdf").ToString())), null, Ct);

        Assert.Equal((1, 1, 0), (report.Checked, report.Enqueued, report.Failed.Count));
        var requests = _server.RequestsFor("malaria.pdf");
        Assert.Equal(2, requests.Count);
        Assert.Equal(($"bytes={Malaria2023.Length / 2}-", "\"m-2023\""), (requests[1].Range, requests[1].IfRange));
        // The spliced file is the whole, original file.
        Assert.Equal(DocumentIntake.DocumentIdFor(Sha256(Malaria2023)), report.Sources[0].DocumentId);
    }

    [Fact]
    public async Task A_download_that_keeps_breaking_off_fails_with_the_reason_after_its_resumes()
    {
        _host = await RestartAsync(new Dictionary<string, string?> { ["Sync:ResumeAttempts"] = "0", ["Sync:RetryDelaySeconds"] = "0" });
        _server.Serve("malaria.pdf", Malaria2023, "\"m-2023\"").BreakFirst(1);

        var report = await Sync.SyncAsync(Sources(("malaria.pdf", "who-malaria", "2023", _server.Url("malaria.pdf").ToString())), null, Ct);

        var failure = Assert.Single(report.Failed);
        Assert.StartsWith($"The download broke off after {Malaria2023.Length / 2} bytes", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_pdf_fails_with_the_reason_and_is_not_ingested()
    {
        _server.Serve("malaria.pdf", "<html><body>Moved to our new site</body></html>"u8.ToArray(), "\"html\"", "text/html");

        var report = await Sync.SyncAsync(Sources(("malaria.pdf", "who-malaria", "2023", _server.Url("malaria.pdf").ToString())), null, Ct);

        var failure = Assert.Single(report.Failed);
        Assert.Contains("not a PDF", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(await Registry.ListAsync(Ct));
        // No validators kept for content that was never handed over: the next run asks for the whole file again.
        Assert.Null((await _host.Services.GetRequiredService<ISyncSourceStore>().GetAsync(failure.Source, Ct))!.ETag);
    }

    [Fact]
    public async Task A_local_path_is_ingested_then_unchanged()
    {
        string path = _host.File("cholera.pdf");
        await File.WriteAllBytesAsync(path, Cholera);
        var sources = Sources(("cholera.pdf", "who-cholera", "2024", path));

        var first = await Sync.SyncAsync(sources, null, Ct);
        var second = await Sync.SyncAsync(sources, null, Ct);

        Assert.Equal((1, 0), (first.Enqueued, first.Unchanged));
        Assert.Equal((0, 1, SyncSourceReport.SameContentDetail), (second.Enqueued, second.Unchanged, second.Sources[0].Detail));
    }

    [Theory]
    [InlineData("http://example.org/malaria.pdf", "https://")]
    [InlineData("ftp://example.org/malaria.pdf", "Unsupported scheme 'ftp'")]
    public async Task Plain_http_to_another_host_and_other_schemes_are_refused_without_a_request(string url, string reason)
    {
        var report = await Sync.SyncAsync(Sources(("malaria.pdf", "who-malaria", "2023", url)), null, Ct);

        Assert.Contains(reason, Assert.Single(report.Failed).Reason, StringComparison.Ordinal);
    }

    private async Task<TestHost> RestartAsync(Dictionary<string, string?> settings)
    {
        await _host.DisposeAsync();
        return await TestHost.StartAsync(settings);
    }
}
