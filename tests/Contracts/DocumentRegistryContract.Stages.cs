using Meditron.Core.Documents;

namespace Meditron.Tests.Contracts;

/// <summary>A document's stages: queued, processing (attempts), failed (reason) and back.</summary>
public abstract partial class DocumentRegistryContract
{
    [SkippableFact]
    public async Task Failed_newer_edition_never_becomes_current()
    {
        await IngestAsync("old", "k", "2023-10-16");
        await Registry.RegisterAsync(TestData.Document("new", "k", "2025-08-13"), Ct);
        await Registry.MarkFailedAsync("new", "no text layer and OCR failed", Ct);

        var failed = (await Registry.GetAsync("new", Ct))!;
        Assert.Equal(DocumentStatus.Failed, failed.Status);
        Assert.Equal("no text layer and OCR failed", failed.Reason);
        Assert.False(failed.Current);
        Assert.Null(failed.CurrentFrom);
        Assert.True((await Registry.GetAsync("old", Ct))!.Current);
    }

    [SkippableFact]
    public async Task Failing_the_current_edition_hands_current_back_to_the_newest_remaining()
    {
        await IngestAsync("old", "k", "2023");
        await IngestAsync("new", "k", "2025");
        var failedAt = Clock.Advance();

        await Registry.MarkFailedAsync("new", "re-ingestion failed", Ct);

        var failed = (await Registry.GetAsync("new", Ct))!;
        Assert.False(failed.Current);
        Assert.Equal(failedAt, failed.SupersededAt);
        var old = (await Registry.GetAsync("old", Ct))!;
        Assert.True(old.Current);
        Assert.Equal(failedAt, old.CurrentFrom);
        Assert.Null(old.SupersededAt);
    }

    [SkippableFact]
    public async Task Failed_document_indexed_later_clears_the_reason_and_can_become_current()
    {
        await Registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        await Registry.MarkFailedAsync("d1", "transient", Ct);

        await Registry.MarkIndexedAsync("d1", 3, 4, Ct);

        var record = (await Registry.GetAsync("d1", Ct))!;
        Assert.Equal(DocumentStatus.Indexed, record.Status);
        Assert.Null(record.Reason);
        Assert.True(record.Current);
    }

    [SkippableFact]
    public async Task Queued_then_processing_counts_attempts_and_indexed_clears_the_stage()
    {
        await Registry.RegisterAsync(TestData.Document("d1", "who-malaria", "2023"), Ct);

        await Registry.MarkQueuedAsync("d1", Ct);
        Assert.Equal(DocumentStatus.Queued, (await Registry.GetAsync("d1", Ct))!.Status);
        Assert.Equal(1, (await Registry.MarkProcessingAsync("d1", Ct)).Attempts);
        var second = await Registry.MarkProcessingAsync("d1", Ct); // a redelivery after a worker died
        Assert.Equal((DocumentStatus.Processing, 2), (second.Status, second.Attempts));
        await Registry.MarkIndexedAsync("d1", pages: 3, chunks: 5, Ct);

        var indexed = await Registry.GetAsync("d1", Ct);
        Assert.Equal((DocumentStatus.Indexed, 2, true), (indexed!.Status, indexed.Attempts, indexed.Current));
    }

    [SkippableFact]
    public async Task A_failed_document_can_be_queued_again_and_an_indexed_one_stays_indexed()
    {
        await Registry.RegisterAsync(TestData.Document("bad", "k1", "1"), Ct);
        await Registry.MarkFailedAsync("bad", "Truncated or corrupt PDF.", Ct);
        await IngestAsync("good", "k2", "1", 2020);

        await Registry.MarkQueuedAsync("bad", Ct);
        await Registry.MarkQueuedAsync("good", Ct);
        var processing = await Registry.MarkProcessingAsync("good", Ct);

        var bad = await Registry.GetAsync("bad", Ct);
        Assert.Equal((DocumentStatus.Queued, (string?)null), (bad!.Status, bad.Reason));
        Assert.Equal((DocumentStatus.Indexed, 0, true), (processing.Status, processing.Attempts, processing.Current));
    }
}
