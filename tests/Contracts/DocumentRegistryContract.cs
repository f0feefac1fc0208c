using Meditron.Core.Documents;
using Meditron.Core.Ports;

namespace Meditron.Tests.Contracts;

/// <summary>
/// What every <see cref="IDocumentRegistry"/> promises, run on each provider by a subclass that builds
/// <see cref="Registry"/> on an empty store whose clock is <see cref="Clock"/>.
/// </summary>
/// <remarks>
/// Tests are <c>SkippableFact</c>s: a provider whose server is absent outside CI skips them. The store behind
/// <see cref="IDocumentRegistry.PublishCurrentEditionAsync"/> may hold a write transaction while the publisher runs
/// (SQLite does), so no publisher here writes to the registry; it only records what it saw.
/// </remarks>
public abstract partial class DocumentRegistryContract
{
    protected ManualClock Clock { get; } = new();

    protected abstract IDocumentRegistry Registry { get; }

    protected static CancellationToken Ct => CancellationToken.None;

    [SkippableFact]
    public async Task Register_then_get_round_trips_every_field()
    {
        var input = new DocumentRecord
        {
            DocumentId = "doc-ü-1",
            File = "sub dir/Prise en charge – 2ème édition.pdf",
            Sha256 = new string('a', 64),
            ContentRef = "sha256/aa/aaaa",
            Metadata = new DocumentMetadata
            {
                Title = "Prise en charge du paludisme — « grave »",
                GuidelineKey = "who-malaria-fr",
                Edition = "2ème",
                Publisher = "OMS",
                Year = 2021,
                Language = "fr",
            },
            Pages = 120,
            Chunks = 0,
            // Whole microseconds: PostgreSQL's timestamptz keeps microseconds, not ticks (SQLite keeps ticks).
            CreatedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234560),
            UpdatedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 8, TimeSpan.Zero).AddTicks(70),
            // Registration ignores these: a new document is always pending and not current.
            Status = DocumentStatus.Failed,
            Reason = "ignored",
            Current = true,
            CurrentFrom = DateTimeOffset.UnixEpoch,
            SupersededAt = DateTimeOffset.UnixEpoch,
        };
        var expected = input with { Status = DocumentStatus.Pending, Reason = null, Current = false, CurrentFrom = null, SupersededAt = null };

        var registered = await Registry.RegisterAsync(input, Ct);
        var fetched = await Registry.GetAsync(input.DocumentId, Ct);

        Assert.Equal(expected, registered);
        Assert.Equal(expected, fetched);
        Assert.Equal(input.CreatedAt.UtcTicks, fetched!.CreatedAt.UtcTicks);
        Assert.Equal(expected, Assert.Single(await Registry.ListAsync(Ct)));
    }

    [SkippableFact]
    public async Task Indexed_fields_round_trip()
    {
        var t0 = Clock.GetUtcNow();
        await Registry.RegisterAsync(TestData.Document("d1", "k", "2023", year: null), Ct);
        var t1 = Clock.Advance();
        await Registry.MarkIndexedAsync("d1", pages: 42, chunks: 17, Ct);

        var record = await Registry.GetAsync("d1", Ct);

        Assert.NotNull(record);
        Assert.Equal(DocumentStatus.Indexed, record.Status);
        Assert.Null(record.Reason);
        Assert.Equal(42, record.Pages);
        Assert.Equal(17, record.Chunks);
        Assert.True(record.Current);
        Assert.Null(record.Metadata.Year);
        Assert.Equal(t0, record.CreatedAt);
        Assert.Equal(t1, record.UpdatedAt);
        Assert.Equal(t1, record.CurrentFrom);
        Assert.Null(record.SupersededAt);
    }

    [SkippableFact]
    public async Task Default_timestamps_become_now()
    {
        var registered = await Registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);

        Assert.Equal(Clock.GetUtcNow(), registered.CreatedAt);
        Assert.Equal(Clock.GetUtcNow(), registered.UpdatedAt);
    }

    [SkippableFact]
    public async Task Get_unknown_returns_null()
    {
        Assert.Null(await Registry.GetAsync("nope", Ct));
    }

    [SkippableFact]
    public async Task Register_twice_returns_the_first_record_untouched()
    {
        var first = await Registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        Clock.Advance();
        var again = TestData.Document("d1", "other-key", "2099") with { File = "other.pdf", Pages = 9 };

        var second = await Registry.RegisterAsync(again, Ct);

        Assert.Equal(first, second);
        Assert.Equal(first, await Registry.GetAsync("d1", Ct));
    }

    [SkippableFact]
    public async Task Registering_one_id_at_once_from_many_callers_keeps_one_record()
    {
        var registrations = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            Registry.RegisterAsync(TestData.Document("d1", "k", "2023") with { File = $"copy-{i}.pdf" }, Ct)));

        var records = await Task.WhenAll(registrations);

        var stored = Assert.Single(await Registry.ListAsync(Ct));
        Assert.All(records, r => Assert.Equal(stored, r));
    }

    [SkippableFact]
    public async Task Register_again_after_indexing_keeps_the_indexed_state()
    {
        await Registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        await Registry.MarkIndexedAsync("d1", 10, 20, Ct);
        var indexed = await Registry.GetAsync("d1", Ct);
        Clock.Advance();

        var again = await Registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);

        Assert.Equal(indexed, again);
        Assert.Equal(DocumentStatus.Indexed, again.Status);
        Assert.True(again.Current);
    }

    [SkippableFact]
    public async Task Pending_document_is_not_current()
    {
        await Registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);

        Assert.False((await Registry.GetAsync("d1", Ct))!.Current);
    }

    [SkippableFact]
    public async Task Marking_an_unknown_document_throws()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Registry.MarkIndexedAsync("nope", 1, 1, Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Registry.MarkFailedAsync("nope", "x", Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Registry.MarkQueuedAsync("nope", Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Registry.MarkProcessingAsync("nope", Ct));
        Assert.Empty(await Registry.ListAsync(Ct));
    }

    [SkippableFact]
    public async Task List_orders_by_guideline_key_then_edition()
    {
        await IngestAsync("b-3ed", "b", "3ed");
        await IngestAsync("a-2025", "a", "2025-08-13");
        await IngestAsync("b-2ed", "b", "2ed");
        await IngestAsync("a-2023", "a", "2023-10-16");
        await Registry.RegisterAsync(TestData.Document("a-2019", "a", "2019"), Ct);

        var list = await Registry.ListAsync(Ct);

        Assert.Equal(["a-2019", "a-2023", "a-2025", "b-2ed", "b-3ed"], list.Select(d => d.DocumentId));
        Assert.Equal(["a-2025", "b-3ed"], list.Where(d => d.Current).Select(d => d.DocumentId));
    }

    /// <summary>Registers the document and marks it indexed (10 pages, 20 chunks).</summary>
    protected async Task IngestAsync(string id, string key, string edition, int? year = null)
    {
        await Registry.RegisterAsync(TestData.Document(id, key, edition, year), Ct);
        await Registry.MarkIndexedAsync(id, pages: 10, chunks: 20, Ct);
    }
}
