using System.Globalization;
using Meditron.Core.Documents;
using Meditron.Retrieval.Embedded;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Meditron.Retrieval.Tests.Embedded;

public sealed class EmbeddedStoreTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const int BusyRetryEvent = 3002;

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Database_lives_under_the_data_directory_with_the_chosen_pragmas()
    {
        using var store = _dir.OpenStore();

        await using var connection = await store.OpenConnectionAsync(Ct);

        Assert.Equal(Path.Combine(_dir.Path, "index", "meditron.db"), store.DatabasePath);
        Assert.True(File.Exists(store.DatabasePath));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal("2", await ScalarAsync(connection, "PRAGMA synchronous;")); // FULL
        Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys;"));
        Assert.Equal("30000", await ScalarAsync(connection, "PRAGMA busy_timeout;"));
        Assert.Equal(EmbeddedSchema.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), await ScalarAsync(connection, "PRAGMA user_version;"));
        Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check;"));
    }

    [Fact]
    public async Task Opening_an_existing_store_keeps_its_data()
    {
        using (var first = _dir.OpenStore())
        {
            await new SqliteDocumentRegistry(first).RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        }

        using var second = _dir.OpenStore();
        await second.InitializeAsync(Ct);
        await second.InitializeAsync(Ct);

        Assert.NotNull(await new SqliteDocumentRegistry(second).GetAsync("d1", Ct));
    }

    [Fact]
    public async Task A_schema_newer_than_this_build_is_refused()
    {
        using (var store = _dir.OpenStore(pooling: false))
        {
            await using var connection = await store.OpenConnectionAsync(Ct);
            await ScalarAsync(connection, "PRAGMA user_version = 99;");
        }

        using var newer = _dir.OpenStore(pooling: false);

        await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(Ct));
    }

    [Fact]
    public async Task Database_allows_one_current_edition_per_guideline_only()
    {
        using var store = _dir.OpenStore(pooling: false);
        var registry = new SqliteDocumentRegistry(store);
        await registry.RegisterAsync(TestData.Document("a", "k", "2023"), Ct);
        await registry.RegisterAsync(TestData.Document("b", "k", "2025"), Ct);
        await registry.MarkIndexedAsync("a", 1, 1, Ct);
        await registry.MarkIndexedAsync("b", 1, 1, Ct);

        await using var connection = await store.OpenConnectionAsync(Ct);
        var error = await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync(connection, "UPDATE documents SET current = 1;"));
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task Write_transactions_take_the_write_lock_at_begin()
    {
        using var store = _dir.OpenStore(pooling: false);
        await using var writer = await store.OpenConnectionAsync(Ct);
        await using var other = await store.OpenConnectionAsync(Ct);

        using (var transaction = EmbeddedStore.BeginImmediate(writer))
        {
            // Nothing written yet, yet no other connection may start writing (no lock upgrade later).
            Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(other.Handle, "PRAGMA busy_timeout = 0;"));
            Assert.Equal(raw.SQLITE_BUSY, raw.sqlite3_exec(other.Handle, "BEGIN IMMEDIATE;"));
            // Readers are not blocked (WAL).
            Assert.Equal("0", await ScalarAsync(other, "SELECT count(*) FROM documents;"));
            transaction.Rollback();
        }

        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(other.Handle, "BEGIN IMMEDIATE;"));
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(other.Handle, "ROLLBACK;"));
    }

    [Fact]
    public async Task A_writer_still_busy_after_the_busy_timeout_is_run_again_and_succeeds()
    {
        var logger = new RecordingLogger<EmbeddedStore>();
        var retried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        logger.Logged = entry =>
        {
            if (entry.EventId == BusyRetryEvent)
            {
                retried.TrySetResult();
            }
        };
        using var store = new EmbeddedStore(new EmbeddedStoreOptions { DataDirectory = _dir.Path, BusyTimeoutSeconds = 1, Pooling = false }, logger);
        await store.InitializeAsync(Ct);
        var registry = new SqliteDocumentRegistry(store);

        // Another connection holds the write lock past the busy timeout, until the first retry is on its way.
        await using (var holder = await store.OpenConnectionAsync(Ct))
        {
            using var transaction = EmbeddedStore.BeginImmediate(holder);
            var register = registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
            await retried.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            transaction.Rollback();
            await register;
        }

        Assert.NotNull(await registry.GetAsync("d1", Ct));
        Assert.Contains(logger.Entries, e => e.EventId == BusyRetryEvent && e.Text.Contains("SQLite error 5", StringComparison.Ordinal) && e.Text.Contains("retry 1 of 4", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_writer_busy_on_every_retry_gets_the_sqlite_busy_error(int maxBusyRetries)
    {
        var logger = new RecordingLogger<EmbeddedStore>();
        using var store = new EmbeddedStore(
            new EmbeddedStoreOptions { DataDirectory = _dir.Path, BusyTimeoutSeconds = 1, MaxBusyRetries = maxBusyRetries, Pooling = false }, logger);
        await store.InitializeAsync(Ct);
        await using var holder = await store.OpenConnectionAsync(Ct);
        using var transaction = EmbeddedStore.BeginImmediate(holder);

        var error = await Assert.ThrowsAsync<SqliteException>(() => new SqliteDocumentRegistry(store).RegisterAsync(TestData.Document("d1", "k", "2023"), Ct));

        Assert.Equal(raw.SQLITE_BUSY, error.SqliteErrorCode);
        Assert.Equal(maxBusyRetries, logger.Entries.Count(e => e.EventId == BusyRetryEvent));
    }

    [Fact]
    public async Task Parallel_writers_on_separate_connections_leave_the_newest_edition_current()
    {
        const int writers = 6;
        const int chunksPerDocument = 200;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var createdAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // Each writer has its own store (own schema initialisation, no pooling): separate file handles,
        // the same locking as separate processes. Editions arrive in whatever order the scheduler picks.
        var writerTasks = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            using var store = _dir.OpenStore(pooling: false);
            var registry = new SqliteDocumentRegistry(store);
            var index = new SqliteChunkIndex(store);
            string id = $"shared-{i}";
            await registry.RegisterAsync(TestData.Document(id, "shared", (2015 + i).ToString(CultureInfo.InvariantCulture), createdAt: createdAt), Ct);
            await index.ReplaceDocumentAsync(id, TestData.Chunks(id, chunksPerDocument, dimension: 64), Ct);
            await registry.MarkIndexedAsync(id, 5, chunksPerDocument, Ct);

            string own = $"own-{i}";
            await registry.RegisterAsync(TestData.Document(own, $"own-{i}", "1ed", createdAt: createdAt), Ct);
            await index.ReplaceDocumentAsync(own, TestData.Chunks(own, 10), Ct);
            await registry.MarkIndexedAsync(own, 1, 10, Ct);
        })).ToList();

        // Readers running alongside must only ever see consistent snapshots.
        var readerTasks = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            using var store = _dir.OpenStore(pooling: false);
            var registry = new SqliteDocumentRegistry(store);
            var index = new SqliteChunkIndex(store);
            for (int round = 0; round < 15; round++)
            {
                var list = await registry.ListAsync(Ct);
                Assert.True(list.Where(d => d.Metadata.GuidelineKey == "shared").Count(d => d.Current) <= 1);
                var perDocument = new Dictionary<string, int>();
                await foreach (var chunk in index.ReadIndexedAsync(cancellationToken: Ct))
                {
                    perDocument[chunk.Chunk.DocumentId] = perDocument.GetValueOrDefault(chunk.Chunk.DocumentId) + 1;
                }
                // A current document is complete: its chunks went in before it was marked indexed.
                Assert.All(perDocument, p => Assert.Equal(p.Key.StartsWith("shared", StringComparison.Ordinal) ? chunksPerDocument : 10, p.Value));
                Assert.True(perDocument.Keys.Count(k => k.StartsWith("shared", StringComparison.Ordinal)) <= 1);
            }
        })).ToList();

        start.SetResult();
        await Task.WhenAll(writerTasks.Concat(readerTasks));

        using var check = _dir.OpenStore(pooling: false);
        var all = await new SqliteDocumentRegistry(check).ListAsync(Ct);
        Assert.Equal(writers * 2, all.Count);
        Assert.All(all, d => Assert.Equal(DocumentStatus.Indexed, d.Status));
        Assert.Equal(
            ["shared-5"],
            all.Where(d => d.Metadata.GuidelineKey == "shared" && d.Current).Select(d => d.DocumentId));
        Assert.All(all.Where(d => d.Metadata.GuidelineKey != "shared"), d => Assert.True(d.Current));
        var chunkIndex = new SqliteChunkIndex(check);
        foreach (var document in all)
        {
            Assert.Equal(document.Chunks, (await chunkIndex.GetChunksAsync(document.DocumentId, Ct)).Count);
        }
        await using var connection = await check.OpenConnectionAsync(Ct);
        Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check;"));
    }

    [Fact]
    public async Task Abandoned_replace_leaves_the_old_chunks_intact()
    {
        using var store = _dir.OpenStore(pooling: false);
        var registry = new SqliteDocumentRegistry(store);
        var index = new SqliteChunkIndex(store);
        await registry.RegisterAsync(TestData.Document("d1", "k", "2023"), Ct);
        var old = TestData.Chunks("d1", 50, "old", dimension: 64);
        await index.ReplaceDocumentAsync("d1", old, Ct);
        await registry.MarkIndexedAsync("d1", 3, old.Count, Ct);
        string wal = store.DatabasePath + "-wal";

        var connection = await store.OpenConnectionAsync(Ct);
        await using (connection)
        {
            long walBefore = File.Exists(wal) ? new FileInfo(wal).Length : 0;
            // A tiny page cache forces the uncommitted pages out to the WAL, as a long transaction would.
            await ScalarAsync(connection, "PRAGMA cache_size = 8;");
            var transaction = EmbeddedStore.BeginImmediate(connection);
            await SqliteChunkIndex.ReplaceInTransactionAsync(connection, transaction, "d1", TestData.Chunks("d1", 2000, "new", dimension: 384), Ct);
            Assert.True(new FileInfo(wal).Length > walBefore, "uncommitted pages should have reached the WAL");

            // What a process killed right now leaves on disk: the database and its WAL (the -shm is rebuilt).
            string crashDir = Path.Combine(_dir.Path, "after-crash");
            Directory.CreateDirectory(Path.Combine(crashDir, "index"));
            File.Copy(store.DatabasePath, Path.Combine(crashDir, "index", "meditron.db"));
            File.Copy(wal, Path.Combine(crashDir, "index", "meditron.db-wal"));

            using (var recovered = _dir.OpenStore(pooling: false, path: crashDir))
            {
                Assert.Equal(old.Select(c => c.Chunk), await new SqliteChunkIndex(recovered).GetChunksAsync("d1", Ct));
                var document = await new SqliteDocumentRegistry(recovered).GetAsync("d1", Ct);
                Assert.True(document!.Current);
                await using var check = await recovered.OpenConnectionAsync(Ct);
                Assert.Equal("ok", await ScalarAsync(check, "PRAGMA integrity_check;"));
            }
            // Dispose the connection with the transaction still open: no commit.
        }

        Assert.Equal(old.Select(c => c.Chunk), await index.GetChunksAsync("d1", Ct));
        var vectors = new List<EmbeddedChunk>();
        await foreach (var chunk in index.ReadIndexedAsync(cancellationToken: Ct))
        {
            vectors.Add(chunk);
        }
        Assert.Equal(old.Select(c => c.Vector), vectors.Select(c => c.Vector));
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }
}
