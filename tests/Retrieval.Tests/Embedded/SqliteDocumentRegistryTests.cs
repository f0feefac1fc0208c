using Meditron.Core.Documents;
using Meditron.Retrieval.Embedded;

namespace Meditron.Retrieval.Tests.Embedded;

public sealed class SqliteDocumentRegistryTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();
    private readonly ManualClock _clock = new();
    private readonly EmbeddedStore _store;
    private readonly SqliteDocumentRegistry _registry;

    public SqliteDocumentRegistryTests()
    {
        _store = _dir.OpenStore(_clock);
        _registry = new SqliteDocumentRegistry(_store);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
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
            CreatedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567),
            UpdatedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 8, TimeSpan.Zero).AddTicks(7),
            // Registration ignores these: a new document is always pending and not current.
            Status = DocumentStatus.Failed,
            Reason = "ignored",
            Current = true,
            CurrentFrom = DateTimeOffset.UnixEpoch,
            SupersededAt = DateTimeOffset.UnixEpoch,
        };
        var expected = input with { Status = DocumentStatus.Pending, Reason = null, Current = false, CurrentFrom = null, SupersededAt = null };

        var registered = await _registry.RegisterAsync(input, Ct);
        var fetched = await _registry.GetAsync(input.DocumentId, Ct);

        Assert.Equal(expected, registered);
        Assert.Equal(expected, fetched);
        Assert.Equal(input.CreatedAt.UtcTicks, fetched!.CreatedAt.UtcTicks);
        Assert.Equal(expected, Assert.Single(await _registry.ListAsync(Ct)));
    }

    [Fact]
    public async Task Indexed_fields_round_trip()
    {
        var t0 = _clock.GetUtcNow();
        await _registry.RegisterAsync(TestData.Document("d1", "k", "2023", year: null), Ct);
        var t1 = _clock.Advance();
        await _registry.MarkIndexedAsync("d1", pages: 42, chunks: 17, Ct);

        var record = await _registry.GetAsync("d1", Ct);

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

    [Fact]
    public async Task Default_timestamps_become_now()
    {
        var registered = await _registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);

        Assert.Equal(_clock.GetUtcNow(), registered.CreatedAt);
        Assert.Equal(_clock.GetUtcNow(), registered.UpdatedAt);
    }

    [Fact]
    public async Task Get_unknown_returns_null()
    {
        Assert.Null(await _registry.GetAsync("nope", Ct));
    }

    [Fact]
    public async Task Register_twice_returns_the_first_record_untouched()
    {
        var first = await _registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        _clock.Advance();
        var again = TestData.Document("d1", "other-key", "2099") with { File = "other.pdf", Pages = 9 };

        var second = await _registry.RegisterAsync(again, Ct);

        Assert.Equal(first, second);
        Assert.Equal(first, await _registry.GetAsync("d1", Ct));
    }

    [Fact]
    public async Task Register_again_after_indexing_keeps_the_indexed_state()
    {
        await _registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        await _registry.MarkIndexedAsync("d1", 10, 20, Ct);
        var indexed = await _registry.GetAsync("d1", Ct);
        _clock.Advance();

        var again = await _registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);

        Assert.Equal(indexed, again);
        Assert.Equal(DocumentStatus.Indexed, again.Status);
        Assert.True(again.Current);
    }

    [Theory]
    [InlineData("2025-08-13", null, "2023-10-16", null)]
    [InlineData("3ed", 2019, "2ed", 2016)]
    [InlineData("3rd edition", null, "2nd edition", null)]
    [InlineData("2021", 2021, "2019", 2019)]
    [InlineData("2025-08", null, "2023", null)]
    public async Task Newest_edition_is_current_when_it_arrives_first(string newEdition, int? newYear, string oldEdition, int? oldYear)
    {
        await IngestAsync("new", "who-malaria", newEdition, newYear);
        var newCurrentFrom = _clock.GetUtcNow();
        _clock.Advance();
        await IngestAsync("old", "who-malaria", oldEdition, oldYear);

        var newer = (await _registry.GetAsync("new", Ct))!;
        var older = (await _registry.GetAsync("old", Ct))!;

        Assert.True(newer.Current);
        Assert.Equal(newCurrentFrom, newer.CurrentFrom);
        Assert.Null(newer.SupersededAt);
        Assert.False(older.Current);
        Assert.Equal(DocumentStatus.Indexed, older.Status);
        Assert.Null(older.CurrentFrom); // never current
        Assert.Null(older.SupersededAt);
    }

    [Theory]
    [InlineData("2025-08-13", null, "2023-10-16", null)]
    [InlineData("3ed", 2019, "2ed", 2016)]
    [InlineData("2021", 2021, "2019", 2019)]
    public async Task Newest_edition_supersedes_an_older_current_one(string newEdition, int? newYear, string oldEdition, int? oldYear)
    {
        await IngestAsync("old", "who-malaria", oldEdition, oldYear);
        var oldCurrentFrom = _clock.GetUtcNow();
        Assert.True((await _registry.GetAsync("old", Ct))!.Current);
        var switchTime = _clock.Advance();
        await IngestAsync("new", "who-malaria", newEdition, newYear);

        var newer = (await _registry.GetAsync("new", Ct))!;
        var older = (await _registry.GetAsync("old", Ct))!;

        Assert.True(newer.Current);
        Assert.Equal(switchTime, newer.CurrentFrom);
        Assert.False(older.Current);
        Assert.Equal(oldCurrentFrom, older.CurrentFrom);
        Assert.Equal(switchTime, older.SupersededAt);
    }

    [Fact]
    public async Task Reingested_copy_of_the_same_edition_wins_the_tie()
    {
        await _registry.RegisterAsync(TestData.Document("copy-1", "k", "2023", createdAt: _clock.GetUtcNow()), Ct);
        await _registry.MarkIndexedAsync("copy-1", 1, 1, Ct);
        _clock.Advance();
        await _registry.RegisterAsync(TestData.Document("copy-2", "k", "2023", createdAt: _clock.GetUtcNow()), Ct);
        await _registry.MarkIndexedAsync("copy-2", 1, 1, Ct);

        Assert.False((await _registry.GetAsync("copy-1", Ct))!.Current);
        Assert.True((await _registry.GetAsync("copy-2", Ct))!.Current);
    }

    [Fact]
    public async Task Editions_of_other_guidelines_are_independent()
    {
        await IngestAsync("a-2025", "a", "2025");
        await IngestAsync("b-2010", "b", "2010");
        await IngestAsync("a-2023", "a", "2023");

        Assert.True((await _registry.GetAsync("a-2025", Ct))!.Current);
        Assert.False((await _registry.GetAsync("a-2023", Ct))!.Current);
        Assert.True((await _registry.GetAsync("b-2010", Ct))!.Current);
    }

    [Fact]
    public async Task Pending_document_is_not_current()
    {
        await _registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);

        Assert.False((await _registry.GetAsync("d1", Ct))!.Current);
    }

    [Fact]
    public async Task Failed_newer_edition_never_becomes_current()
    {
        await IngestAsync("old", "k", "2023-10-16");
        await _registry.RegisterAsync(TestData.Document("new", "k", "2025-08-13"), Ct);
        await _registry.MarkFailedAsync("new", "no text layer and OCR failed", Ct);

        var failed = (await _registry.GetAsync("new", Ct))!;
        Assert.Equal(DocumentStatus.Failed, failed.Status);
        Assert.Equal("no text layer and OCR failed", failed.Reason);
        Assert.False(failed.Current);
        Assert.Null(failed.CurrentFrom);
        Assert.True((await _registry.GetAsync("old", Ct))!.Current);
    }

    [Fact]
    public async Task Failing_the_current_edition_hands_current_back_to_the_newest_remaining()
    {
        await IngestAsync("old", "k", "2023");
        await IngestAsync("new", "k", "2025");
        var failedAt = _clock.Advance();

        await _registry.MarkFailedAsync("new", "re-ingestion failed", Ct);

        var failed = (await _registry.GetAsync("new", Ct))!;
        Assert.False(failed.Current);
        Assert.Equal(failedAt, failed.SupersededAt);
        var old = (await _registry.GetAsync("old", Ct))!;
        Assert.True(old.Current);
        Assert.Equal(failedAt, old.CurrentFrom);
        Assert.Null(old.SupersededAt);
    }

    [Fact]
    public async Task Failed_document_indexed_later_clears_the_reason_and_can_become_current()
    {
        await _registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        await _registry.MarkFailedAsync("d1", "transient", Ct);

        await _registry.MarkIndexedAsync("d1", 3, 4, Ct);

        var record = (await _registry.GetAsync("d1", Ct))!;
        Assert.Equal(DocumentStatus.Indexed, record.Status);
        Assert.Null(record.Reason);
        Assert.True(record.Current);
    }

    [Fact]
    public async Task Mark_indexed_twice_changes_nothing_the_second_time()
    {
        await IngestAsync("old", "k", "2023");
        await IngestAsync("new", "k", "2025");
        var before = await _registry.ListAsync(Ct);
        _clock.Advance();

        await _registry.MarkIndexedAsync("new", 10, 20, Ct);
        await _registry.MarkIndexedAsync("old", 10, 20, Ct);

        Assert.Equal(before, await _registry.ListAsync(Ct));
    }

    [Fact]
    public async Task Marking_an_unknown_document_throws()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _registry.MarkIndexedAsync("nope", 1, 1, Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _registry.MarkFailedAsync("nope", "x", Ct));
    }

    [Fact]
    public async Task List_orders_by_guideline_key_then_edition()
    {
        await IngestAsync("b-3ed", "b", "3ed");
        await IngestAsync("a-2025", "a", "2025-08-13");
        await IngestAsync("b-2ed", "b", "2ed");
        await IngestAsync("a-2023", "a", "2023-10-16");
        await _registry.RegisterAsync(TestData.Document("a-2019", "a", "2019"), Ct);

        var list = await _registry.ListAsync(Ct);

        Assert.Equal(["a-2019", "a-2023", "a-2025", "b-2ed", "b-3ed"], list.Select(d => d.DocumentId));
        Assert.Equal(["a-2025", "b-3ed"], list.Where(d => d.Current).Select(d => d.DocumentId));
    }

    [Fact]
    public async Task Queued_then_processing_counts_attempts_and_indexed_clears_the_stage()
    {
        await _registry.RegisterAsync(TestData.Document("d1", "who-malaria", "2023"), Ct);

        await _registry.MarkQueuedAsync("d1", Ct);
        Assert.Equal(DocumentStatus.Queued, (await _registry.GetAsync("d1", Ct))!.Status);
        Assert.Equal(1, (await _registry.MarkProcessingAsync("d1", Ct)).Attempts);
        var second = await _registry.MarkProcessingAsync("d1", Ct); // a redelivery after a worker died
        Assert.Equal((DocumentStatus.Processing, 2), (second.Status, second.Attempts));
        await _registry.MarkIndexedAsync("d1", pages: 3, chunks: 5, Ct);

        var indexed = await _registry.GetAsync("d1", Ct);
        Assert.Equal((DocumentStatus.Indexed, 2, true), (indexed!.Status, indexed.Attempts, indexed.Current));
    }

    [Fact]
    public async Task A_failed_document_can_be_queued_again_and_an_indexed_one_stays_indexed()
    {
        await _registry.RegisterAsync(TestData.Document("bad", "k1", "1"), Ct);
        await _registry.MarkFailedAsync("bad", "Truncated or corrupt PDF.", Ct);
        await IngestAsync("good", "k2", "1", 2020);

        await _registry.MarkQueuedAsync("bad", Ct);
        await _registry.MarkQueuedAsync("good", Ct);
        var processing = await _registry.MarkProcessingAsync("good", Ct);

        var bad = await _registry.GetAsync("bad", Ct);
        Assert.Equal((DocumentStatus.Queued, (string?)null), (bad!.Status, bad.Reason));
        Assert.Equal((DocumentStatus.Indexed, 0, true), (processing.Status, processing.Attempts, processing.Current));
    }

    [Fact]
    public async Task A_store_made_before_stages_existed_opens_with_its_documents_pending_and_no_attempts()
    {
        string path = System.IO.Path.Combine(_dir.Path, "v1");
        string database = EmbeddedStore.DatabasePathIn(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(database)!);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = EmbeddedSchema.Migrations[0] + """
                PRAGMA user_version = 1;
                INSERT INTO documents (document_id, file, sha256, content_ref, title, guideline_key, edition, publisher, year,
                    language, status, created_at, updated_at)
                VALUES ('old', 'old.pdf', 'aa', 'aa/aa.pdf', 'Old', 'old', '2019', 'WHO', 2019, 'en', 'pending',
                    '2024-01-01T00:00:00.0000000Z', '2024-01-01T00:00:00.0000000Z');
                """;
            create.ExecuteNonQuery();
        }
        using var store = _dir.OpenStore(_clock, pooling: false, path: path);

        var old = await new SqliteDocumentRegistry(store).GetAsync("old", Ct);

        Assert.Equal((DocumentStatus.Pending, 0), (old!.Status, old.Attempts));
    }

    [Fact]
    public async Task Deleting_the_current_edition_makes_the_previous_one_current()
    {
        await IngestAsync("old", "k", "2023");
        await IngestAsync("new", "k", "2025");
        var deletedAt = _clock.Advance();

        var deleted = await _registry.DeleteAsync("new", Ct);

        Assert.Equal(("new", true), (deleted!.DocumentId, deleted.Current)); // the record as it was
        Assert.Null(await _registry.GetAsync("new", Ct));
        var old = (await _registry.GetAsync("old", Ct))!;
        Assert.True(old.Current);
        Assert.Equal(deletedAt, old.CurrentFrom);
        Assert.Null(old.SupersededAt);
    }

    [Fact]
    public async Task Deleting_an_older_edition_leaves_the_current_one_as_it_was()
    {
        await IngestAsync("old", "k", "2023");
        await IngestAsync("new", "k", "2025");
        var current = await _registry.GetAsync("new", Ct);
        _clock.Advance();

        await _registry.DeleteAsync("old", Ct);

        Assert.Equal(current, Assert.Single(await _registry.ListAsync(Ct)));
    }

    [Fact]
    public async Task Deleting_the_only_edition_leaves_its_guideline_without_a_current_one()
    {
        await IngestAsync("only", "k", "2023");
        await _registry.RegisterAsync(TestData.Document("failed", "k", "2025"), Ct);
        await _registry.MarkFailedAsync("failed", "no text", Ct);

        await _registry.DeleteAsync("only", Ct);

        var left = Assert.Single(await _registry.ListAsync(Ct));
        Assert.Equal(("failed", false), (left.DocumentId, left.Current));
    }

    [Fact]
    public async Task Deleting_an_unknown_document_returns_null_and_changes_nothing()
    {
        await IngestAsync("d1", "k", "2023");
        var before = await _registry.ListAsync(Ct);
        long version = await _store.GetChangeVersionAsync(Ct);

        Assert.Null(await _registry.DeleteAsync("nope", Ct));

        Assert.Equal(before, await _registry.ListAsync(Ct));
        Assert.Equal(version, await _store.GetChangeVersionAsync(Ct));
    }

    [Fact]
    public async Task Deleting_twice_returns_null_the_second_time()
    {
        await IngestAsync("old", "k", "2023");
        await IngestAsync("new", "k", "2025");
        Assert.NotNull(await _registry.DeleteAsync("new", Ct));
        var after = await _registry.ListAsync(Ct);
        _clock.Advance();

        Assert.Null(await _registry.DeleteAsync("new", Ct));

        Assert.Equal(after, await _registry.ListAsync(Ct));
    }

    [Fact]
    public async Task Deleting_a_document_leaves_other_guidelines_untouched()
    {
        await IngestAsync("a-2023", "a", "2023");
        await IngestAsync("a-2025", "a", "2025");
        await IngestAsync("b-2010", "b", "2010");
        await IngestAsync("b-2015", "b", "2015");
        await _registry.RegisterAsync(TestData.Document("c-pending", "c", "2020"), Ct);
        var others = (await _registry.ListAsync(Ct)).Where(d => d.Metadata.GuidelineKey != "a").ToList();
        _clock.Advance();

        await _registry.DeleteAsync("a-2025", Ct);

        Assert.Equal(others, (await _registry.ListAsync(Ct)).Where(d => d.Metadata.GuidelineKey != "a"));
        Assert.True((await _registry.GetAsync("a-2023", Ct))!.Current);
    }

    [Fact]
    public async Task Deleting_moves_the_change_version_so_searches_reload()
    {
        await IngestAsync("d1", "k", "2023");
        long before = await _store.GetChangeVersionAsync(Ct);

        await _registry.DeleteAsync("d1", Ct);

        Assert.True(await _store.GetChangeVersionAsync(Ct) > before);
    }

    [Fact]
    public async Task Deleting_a_document_being_processed_is_refused_and_changes_nothing()
    {
        await _registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        await _registry.MarkQueuedAsync("d1", Ct);
        var processing = await _registry.MarkProcessingAsync("d1", Ct);

        var error = await Assert.ThrowsAsync<DocumentBusyException>(() => _registry.DeleteAsync("d1", Ct));

        Assert.Equal("d1", error.DocumentId);
        Assert.Contains("being processed", error.Message, StringComparison.Ordinal);
        Assert.Equal(processing, await _registry.GetAsync("d1", Ct));
    }

    [Theory]
    [InlineData(DocumentStatus.Pending)]
    [InlineData(DocumentStatus.Queued)]
    [InlineData(DocumentStatus.Failed)]
    public async Task A_document_that_no_worker_holds_can_be_deleted(DocumentStatus status)
    {
        await _registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        if (status == DocumentStatus.Queued)
        {
            await _registry.MarkQueuedAsync("d1", Ct);
        }
        if (status == DocumentStatus.Failed)
        {
            await _registry.MarkFailedAsync("d1", "corrupt", Ct);
        }

        Assert.Equal(status, (await _registry.DeleteAsync("d1", Ct))!.Status);
        Assert.Empty(await _registry.ListAsync(Ct));
    }

    private async Task IngestAsync(string id, string key, string edition, int? year = null)
    {
        await _registry.RegisterAsync(TestData.Document(id, key, edition, year), Ct);
        await _registry.MarkIndexedAsync(id, pages: 10, chunks: 20, Ct);
    }
}
