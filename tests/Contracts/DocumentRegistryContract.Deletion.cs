using Meditron.Core.Documents;

namespace Meditron.Tests.Contracts;

/// <summary>Deleting a document, and which edition is current after it.</summary>
public abstract partial class DocumentRegistryContract
{
    [SkippableFact]
    public async Task Deleting_the_current_edition_makes_the_previous_one_current()
    {
        await IngestAsync("old", "k", "2023");
        await IngestAsync("new", "k", "2025");
        var deletedAt = Clock.Advance();

        var deleted = await Registry.DeleteAsync("new", Ct);

        Assert.Equal(("new", true), (deleted!.DocumentId, deleted.Current)); // the record as it was
        Assert.Null(await Registry.GetAsync("new", Ct));
        var old = (await Registry.GetAsync("old", Ct))!;
        Assert.True(old.Current);
        Assert.Equal(deletedAt, old.CurrentFrom);
        Assert.Null(old.SupersededAt);
    }

    [SkippableFact]
    public async Task Deleting_an_older_edition_leaves_the_current_one_as_it_was()
    {
        await IngestAsync("old", "k", "2023");
        await IngestAsync("new", "k", "2025");
        var current = await Registry.GetAsync("new", Ct);
        Clock.Advance();

        await Registry.DeleteAsync("old", Ct);

        Assert.Equal(current, Assert.Single(await Registry.ListAsync(Ct)));
    }

    [SkippableFact]
    public async Task Deleting_the_only_edition_leaves_its_guideline_without_a_current_one()
    {
        await IngestAsync("only", "k", "2023");
        await Registry.RegisterAsync(TestData.Document("failed", "k", "2025"), Ct);
        await Registry.MarkFailedAsync("failed", "no text", Ct);

        await Registry.DeleteAsync("only", Ct);

        var left = Assert.Single(await Registry.ListAsync(Ct));
        Assert.Equal(("failed", false), (left.DocumentId, left.Current));
    }

    [SkippableFact]
    public async Task Deleting_an_unknown_document_returns_null_and_changes_nothing()
    {
        await IngestAsync("d1", "k", "2023");
        var before = await Registry.ListAsync(Ct);

        Assert.Null(await Registry.DeleteAsync("nope", Ct));

        Assert.Equal(before, await Registry.ListAsync(Ct));
    }

    [SkippableFact]
    public async Task Deleting_twice_returns_null_the_second_time()
    {
        await IngestAsync("old", "k", "2023");
        await IngestAsync("new", "k", "2025");
        Assert.NotNull(await Registry.DeleteAsync("new", Ct));
        var after = await Registry.ListAsync(Ct);
        Clock.Advance();

        Assert.Null(await Registry.DeleteAsync("new", Ct));

        Assert.Equal(after, await Registry.ListAsync(Ct));
    }

    [SkippableFact]
    public async Task Deleting_a_document_leaves_other_guidelines_untouched()
    {
        await IngestAsync("a-2023", "a", "2023");
        await IngestAsync("a-2025", "a", "2025");
        await IngestAsync("b-2010", "b", "2010");
        await IngestAsync("b-2015", "b", "2015");
        await Registry.RegisterAsync(TestData.Document("c-pending", "c", "2020"), Ct);
        var others = (await Registry.ListAsync(Ct)).Where(d => d.Metadata.GuidelineKey != "a").ToList();
        Clock.Advance();

        await Registry.DeleteAsync("a-2025", Ct);

        Assert.Equal(others, (await Registry.ListAsync(Ct)).Where(d => d.Metadata.GuidelineKey != "a"));
        Assert.True((await Registry.GetAsync("a-2023", Ct))!.Current);
    }

    [SkippableFact]
    public async Task Deleting_a_document_being_processed_is_refused_and_changes_nothing()
    {
        await Registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        await Registry.MarkQueuedAsync("d1", Ct);
        var processing = await Registry.MarkProcessingAsync("d1", Ct);

        var error = await Assert.ThrowsAsync<DocumentBusyException>(() => Registry.DeleteAsync("d1", Ct));

        Assert.Equal("d1", error.DocumentId);
        Assert.Contains("being processed", error.Message, StringComparison.Ordinal);
        Assert.Equal(processing, await Registry.GetAsync("d1", Ct));
    }

    [SkippableTheory]
    [InlineData(DocumentStatus.Pending)]
    [InlineData(DocumentStatus.Queued)]
    [InlineData(DocumentStatus.Failed)]
    public async Task A_document_that_no_worker_holds_can_be_deleted(DocumentStatus status)
    {
        await Registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        if (status == DocumentStatus.Queued)
        {
            await Registry.MarkQueuedAsync("d1", Ct);
        }
        if (status == DocumentStatus.Failed)
        {
            await Registry.MarkFailedAsync("d1", "corrupt", Ct);
        }

        Assert.Equal(status, (await Registry.DeleteAsync("d1", Ct))!.Status);
        Assert.Empty(await Registry.ListAsync(Ct));
    }
}
