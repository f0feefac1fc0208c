namespace Meditron.Tests.Contracts;

/// <summary>
/// <see cref="Meditron.Core.Ports.IDocumentRegistry.PublishCurrentEditionAsync"/>: the publisher sees the current edition
/// under the guideline's lock. Publishers here never write to the registry themselves (see the class remarks).
/// </summary>
public abstract partial class DocumentRegistryContract
{
    [SkippableFact]
    public async Task Publish_passes_the_current_edition_and_null_when_there_is_none()
    {
        await Registry.RegisterAsync(TestData.Document("pending", "k", "2025"), Ct);
        Assert.Null(await PublishedEditionAsync("k"));
        Assert.Null(await PublishedEditionAsync("unknown-guideline"));

        await IngestAsync("old", "k", "2023");
        Assert.Equal("old", await PublishedEditionAsync("k"));

        await IngestAsync("new", "k", "2026");
        Assert.Equal("new", await PublishedEditionAsync("k"));

        await Registry.MarkFailedAsync("new", "re-ingestion failed", Ct);
        Assert.Equal("old", await PublishedEditionAsync("k"));
    }

    [SkippableFact]
    public async Task Publishers_of_one_guideline_take_turns()
    {
        await IngestAsync("d1", "k", "2023");
        int inside = 0, overlaps = 0, published = 0;

        async Task PublishAsync(string? current, CancellationToken ct)
        {
            if (Interlocked.Increment(ref inside) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }
            await Task.Delay(25, ct);
            Assert.Equal("d1", current);
            Interlocked.Increment(ref published);
            Interlocked.Decrement(ref inside);
        }

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Registry.PublishCurrentEditionAsync("k", PublishAsync, Ct))));

        Assert.Equal((0, 6), (overlaps, published));
    }

    [SkippableFact]
    public async Task A_status_change_of_the_guideline_waits_for_its_publisher_and_the_next_publisher_sees_it()
    {
        await IngestAsync("old", "k", "2023");
        await Registry.RegisterAsync(TestData.Document("new", "k", "2025"), Ct);
        Task? indexing = null;
        bool indexedWhilePublishing = true;

        await Registry.PublishCurrentEditionAsync("k", async (current, ct) =>
        {
            Assert.Equal("old", current);
            // Started here but not awaited here: it must wait for this publisher to finish.
            indexing = Task.Run(() => Registry.MarkIndexedAsync("new", 1, 1, Ct), ct);
            await Task.Delay(300, ct);
            indexedWhilePublishing = indexing.IsCompleted;
        }, Ct);
        await indexing!;

        Assert.False(indexedWhilePublishing);
        Assert.Equal("new", await PublishedEditionAsync("k"));
    }

    [SkippableFact]
    public async Task A_publisher_that_throws_leaves_the_registry_unchanged_and_the_exception_surfaces()
    {
        await IngestAsync("old", "k", "2023");
        await IngestAsync("new", "k", "2025");
        var before = await Registry.ListAsync(Ct);
        Clock.Advance();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Registry.PublishCurrentEditionAsync("k", async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("the index is unreachable");
        }, Ct));

        Assert.Equal("the index is unreachable", error.Message);
        Assert.Equal(before, await Registry.ListAsync(Ct));
        // The guideline's lock was released: its documents still change and it still publishes.
        await Registry.MarkFailedAsync("new", "withdrawn", Ct);
        Assert.Equal("old", await PublishedEditionAsync("k"));
    }

    /// <summary>What a publisher of the guideline is given (it records it and writes nothing).</summary>
    private async Task<string?> PublishedEditionAsync(string guidelineKey)
    {
        string? seen = "(publisher not called)";
        await Registry.PublishCurrentEditionAsync(guidelineKey, (current, _) =>
        {
            seen = current;
            return Task.CompletedTask;
        }, Ct);
        return seen;
    }
}
