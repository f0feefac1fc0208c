using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Retrieval.Embedded;

namespace Meditron.Retrieval.Tests.Embedded;

/// <summary>The <see cref="DocumentRegistryContract"/> on the embedded store, and what only SQLite does (old schemas, the change version, ticks).</summary>
public sealed class SqliteDocumentRegistryTests : DocumentRegistryContract, IDisposable
{
    private readonly TempDataDirectory _dir = new();
    private readonly EmbeddedStore _store;
    private readonly SqliteDocumentRegistry _registry;

    public SqliteDocumentRegistryTests()
    {
        _store = _dir.OpenStore(Clock);
        _registry = new SqliteDocumentRegistry(_store);
    }

    protected override IDocumentRegistry Registry => _registry;

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Timestamps_keep_every_tick()
    {
        var createdAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);

        await _registry.RegisterAsync(TestData.Document("d1", "k", "2023", createdAt: createdAt), Ct);

        Assert.Equal(createdAt.UtcTicks, (await _registry.GetAsync("d1", Ct))!.CreatedAt.UtcTicks);
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
        using var store = _dir.OpenStore(Clock, pooling: false, path: path);

        var old = await new SqliteDocumentRegistry(store).GetAsync("old", Ct);

        Assert.Equal((DocumentStatus.Pending, 0), (old!.Status, old.Attempts));
    }

    [Fact]
    public async Task Deleting_an_unknown_document_leaves_the_change_version()
    {
        await IngestAsync("d1", "k", "2023");
        long version = await _store.GetChangeVersionAsync(Ct);

        Assert.Null(await _registry.DeleteAsync("nope", Ct));

        Assert.Equal(version, await _store.GetChangeVersionAsync(Ct));
    }

    [Fact]
    public async Task Deleting_moves_the_change_version_so_searches_reload()
    {
        await IngestAsync("d1", "k", "2023");
        long before = await _store.GetChangeVersionAsync(Ct);

        await _registry.DeleteAsync("d1", Ct);

        Assert.True(await _store.GetChangeVersionAsync(Ct) > before);
    }
}
