using Meditron.Application.Documents;
using Meditron.Application.Ingesting;
using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Ingestion.Intake;
using Meditron.Retrieval;
using Meditron.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Application.Tests;

/// <summary>The document service over the real embedded store, with small PDFs ingested the way every host ingests them.</summary>
public sealed class DocumentServiceTests
{
    private static readonly byte[] Older = SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.");
    private static readonly byte[] Newer = SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts and zinc after each loose stool.");

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Deleting_the_newer_edition_makes_the_older_one_current_and_the_only_one_searched()
    {
        await using var host = await TestHost.StartAsync();
        var older = await IngestAsync(host, "ors-2019.pdf", Older, Edition("who-ors", "2019"));
        var newer = await IngestAsync(host, "ors-2023.pdf", Newer, Edition("who-ors", "2023"));
        Assert.Equal([newer], await SearchAsync(host, includeSuperseded: false));

        var deleted = await Documents(host).DeleteAsync(newer, Ct);

        Assert.Equal((newer, DocumentStatus.Indexed, true), (deleted!.DocumentId, deleted.Status, deleted.Current));
        Assert.Equal([older], await SearchAsync(host, includeSuperseded: false));
        Assert.Equal([older], await SearchAsync(host, includeSuperseded: true));
        Assert.True((await Documents(host).GetAsync(older, Ct))!.Current);
        Assert.Null(await Documents(host).GetAsync(newer, Ct));
        Assert.Empty(await host.Services.GetRequiredService<IChunkIndex>().GetChunksAsync(newer, Ct));
        await Assert.ThrowsAsync<FileNotFoundException>(() => host.Services.GetRequiredService<IContentStore>().OpenAsync(deleted.ContentRef, Ct));
    }

    [Fact]
    public async Task Deleting_again_returns_null_and_changes_nothing()
    {
        await using var host = await TestHost.StartAsync();
        await IngestAsync(host, "ors-2019.pdf", Older, Edition("who-ors", "2019"));
        var newer = await IngestAsync(host, "ors-2023.pdf", Newer, Edition("who-ors", "2023"));
        await Documents(host).DeleteAsync(newer, Ct);
        var after = await Registry(host).ListAsync(Ct);

        Assert.Null(await Documents(host).DeleteAsync(newer, Ct));
        Assert.Null(await Documents(host).DeleteAsync("doc_0000000000000000", Ct));

        Assert.Equal(after, await Registry(host).ListAsync(Ct));
    }

    [Fact]
    public async Task A_deleted_file_can_be_ingested_again()
    {
        await using var host = await TestHost.StartAsync();
        var id = await IngestAsync(host, "ors.pdf", Older, Edition("who-ors", "2019"));
        await Documents(host).DeleteAsync(id, Ct);

        Assert.Equal(id, await IngestAsync(host, "ors.pdf", Older, Edition("who-ors", "2019")));

        Assert.Equal([id], await SearchAsync(host, includeSuperseded: false));
    }

    [Fact]
    public async Task Deleting_a_document_being_processed_is_refused_and_keeps_it()
    {
        await using var host = await TestHost.StartAsync();
        string path = host.File("ors.pdf");
        await File.WriteAllBytesAsync(path, Older);
        var taken = await host.Services.GetRequiredService<DocumentIntake>().TakeAsync(path, MetadataResolver.Resolve(path, null, new MetadataOverrides()), Ct);
        await Registry(host).MarkProcessingAsync(taken.Document.DocumentId, Ct);

        var error = await Assert.ThrowsAsync<DocumentBusyException>(() => Documents(host).DeleteAsync(taken.Document.DocumentId, Ct));

        Assert.Equal(taken.Document.DocumentId, error.DocumentId);
        Assert.Equal(DocumentStatus.Processing, (await Registry(host).GetAsync(taken.Document.DocumentId, Ct))!.Status);
        await using var content = await host.Services.GetRequiredService<IContentStore>().OpenAsync(taken.Document.ContentRef, Ct);
        Assert.Equal(Older.Length, content.Length);
    }

    [Fact]
    public async Task The_content_is_the_original_file_byte_for_byte()
    {
        await using var host = await TestHost.StartAsync();
        var id = await IngestAsync(host, "ors.pdf", Older, Edition("who-ors", "2019"));

        var opened = await Documents(host).OpenContentAsync(id, Ct);

        var (document, stream) = opened!.Value;
        await using (stream)
        {
            Assert.Equal(id, document.DocumentId);
            Assert.True(stream.CanSeek);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            Assert.Equal(Older, copy.ToArray());
        }
        Assert.Null(await Documents(host).OpenContentAsync("doc_0000000000000000", Ct));
    }

    [Fact]
    public async Task Listing_filters_by_publisher_guideline_language_status_and_current()
    {
        await using var host = await TestHost.StartAsync();
        var ors2019 = await IngestAsync(host, "ors-2019.pdf", Older, Edition("who-ors", "2019"));
        var ors2023 = await IngestAsync(host, "ors-2023.pdf", Newer, Edition("who-ors", "2023"));
        var msf = await IngestAsync(host, "msf.pdf", SmallPdfs.Guideline("1 Cholera", "Réhydrater par voie orale."),
            new MetadataOverrides { Publisher = "MSF", GuidelineKey = "msf-cholera", Edition = "2022", Language = "fr" });
        var broken = await IngestAsync(host, "broken.pdf", Older[..(Older.Length / 3)], Edition("who-broken", "1"));
        var service = Documents(host);

        async Task<string[]> Ids(DocumentQuery query) => [.. (await service.ListAsync(query, Ct)).Items.Select(d => d.DocumentId)];

        Assert.Equal([msf], await Ids(new DocumentQuery { Publisher = "msf" }));
        Assert.Equal([ors2019, ors2023], await Ids(new DocumentQuery { GuidelineKey = "WHO-ORS" }));
        Assert.Equal([msf], await Ids(new DocumentQuery { Language = "fr" }));
        Assert.Equal([broken], await Ids(new DocumentQuery { Status = DocumentStatus.Failed }));
        Assert.Equal([msf, ors2023], await Ids(new DocumentQuery { Current = true }));
        Assert.Equal([broken, ors2019], await Ids(new DocumentQuery { Current = false, Publisher = "WHO" })); // by guideline key
        Assert.Equal([ors2019], await Ids(new DocumentQuery { Current = false, Status = DocumentStatus.Indexed }));
        Assert.Empty(await Ids(new DocumentQuery { Publisher = "ICRC" }));
    }

    [Fact]
    public async Task Listing_pages_with_offset_and_limit_and_counts_every_match()
    {
        await using var host = await TestHost.StartAsync();
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            ids.Add(await IngestAsync(host, $"g{i}.pdf", SmallPdfs.Guideline($"{i} Topic", $"Paragraph number {i} of its guideline."), Edition($"g{i}", "1")));
        }
        var service = Documents(host);

        var first = await service.ListAsync(new DocumentQuery { Limit = 2 }, Ct);
        var last = await service.ListAsync(new DocumentQuery { Offset = 4, Limit = 2 }, Ct);
        var beyond = await service.ListAsync(new DocumentQuery { Offset = 10 }, Ct);
        var all = await service.ListAsync(new DocumentQuery(), Ct);

        Assert.Equal(ids[..2], first.Items.Select(d => d.DocumentId));
        Assert.Equal((5, 0, 2), (first.Total, first.Offset, first.Limit));
        Assert.Equal([ids[4]], last.Items.Select(d => d.DocumentId));
        Assert.Equal((5, 4, 2), (last.Total, last.Offset, last.Limit));
        Assert.Equal((0, 5), (beyond.Items.Count, beyond.Total));
        Assert.Equal(ids, all.Items.Select(d => d.DocumentId));
        Assert.Equal(DocumentQuery.DefaultLimit, all.Limit);
    }

    [Theory]
    [InlineData(-1, 50, "Offset")]
    [InlineData(0, 0, "Limit")]
    [InlineData(0, 201, "Limit")]
    public async Task Listing_refuses_an_offset_or_limit_out_of_range(int offset, int limit, string parameter)
    {
        await using var host = await TestHost.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Documents(host).ListAsync(new DocumentQuery { Offset = offset, Limit = limit }, Ct));

        Assert.Equal(parameter, error.ParamName);
    }

    private static DocumentService Documents(TestHost host) => host.Services.GetRequiredService<DocumentService>();

    private static IDocumentRegistry Registry(TestHost host) => host.Services.GetRequiredService<IDocumentRegistry>();

    private static MetadataOverrides Edition(string key, string edition) =>
        new() { Publisher = "WHO", GuidelineKey = key, Edition = edition, Language = "en" };

    private static async Task<string> IngestAsync(TestHost host, string name, byte[] pdf, MetadataOverrides overrides)
    {
        string path = host.File(name);
        await File.WriteAllBytesAsync(path, pdf);
        var report = await host.Services.GetRequiredService<IngestService>().IngestAsync(path, manifest: null, overrides, progress: null, Ct);
        return report.DocumentId!;
    }

    /// <summary>The documents whose passages a search for the ORS advice finds.</summary>
    private static async Task<string[]> SearchAsync(TestHost host, bool includeSuperseded)
    {
        var results = await host.Services.GetRequiredService<RetrievalService>().SearchAsync(
            new SearchRequest { Query = "oral rehydration salts loose stool", IncludeSuperseded = includeSuperseded }, Ct);
        return [.. results.Select(r => r.DocumentId).Distinct().Order(StringComparer.Ordinal)];
    }
}
