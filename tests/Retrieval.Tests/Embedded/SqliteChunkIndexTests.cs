using System.Diagnostics;
using Meditron.Core.Documents;
using Meditron.Core.Retrieval;
using Meditron.Retrieval.Embedded;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Meditron.Retrieval.Tests.Embedded;

public sealed class SqliteChunkIndexTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();
    private readonly EmbeddedStore _store;
    private readonly SqliteDocumentRegistry _registry;
    private readonly SqliteChunkIndex _index;
    private readonly ITestOutputHelper _output;

    public SqliteChunkIndexTests(ITestOutputHelper output)
    {
        _output = output;
        _store = _dir.OpenStore(new ManualClock());
        _registry = new SqliteDocumentRegistry(_store);
        _index = new SqliteChunkIndex(_store);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Replace_then_get_round_trips_every_field_in_chunk_order()
    {
        await RegisterAsync("d1");
        var chunks = TestData.Chunks("d1", 12);
        var shuffled = chunks.OrderBy(c => (c.Chunk.ChunkNo * 7) % 12).ToList();

        await _index.ReplaceDocumentAsync("d1", shuffled, Ct);

        Assert.Equal(chunks.Select(c => c.Chunk), await _index.GetChunksAsync("d1", Ct));
    }

    [Fact]
    public async Task Second_replace_with_fewer_chunks_leaves_only_those()
    {
        await RegisterAsync("d1");
        await RegisterAsync("d2");
        await _index.ReplaceDocumentAsync("d1", TestData.Chunks("d1", 10, "first"), Ct);
        await _index.ReplaceDocumentAsync("d2", TestData.Chunks("d2", 5), Ct);

        var second = TestData.Chunks("d1", 3, "second");
        await _index.ReplaceDocumentAsync("d1", second, Ct);

        Assert.Equal(second.Select(c => c.Chunk), await _index.GetChunksAsync("d1", Ct));
        Assert.Equal(5, (await _index.GetChunksAsync("d2", Ct)).Count);
    }

    [Fact]
    public async Task Replace_with_no_chunks_empties_the_document()
    {
        await RegisterAsync("d1");
        await _index.ReplaceDocumentAsync("d1", TestData.Chunks("d1", 4), Ct);

        await _index.ReplaceDocumentAsync("d1", [], Ct);

        Assert.Empty(await _index.GetChunksAsync("d1", Ct));
    }

    [Fact]
    public async Task Repeated_replace_is_harmless()
    {
        await RegisterAsync("d1");
        var chunks = TestData.Chunks("d1", 6);

        await _index.ReplaceDocumentAsync("d1", chunks, Ct);
        await _index.ReplaceDocumentAsync("d1", chunks, Ct);

        Assert.Equal(chunks.Select(c => c.Chunk), await _index.GetChunksAsync("d1", Ct));
    }

    [Fact]
    public async Task Vectors_round_trip_bit_exact()
    {
        await RegisterAsync("d1");
        await _registry.MarkIndexedAsync("d1", 1, 1, Ct);
        float[] vector =
        [
            0f, -0f, 1f, -1f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
            float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FC0_1234), // NaN with a payload
            1.17549421E-38f, // largest subnormal
            0.1f, (float)Math.PI, 123456.789f,
        ];
        float[] textVector = [.. vector.Reverse()];
        var chunk = TestData.Chunk("d1", 0) with { Vector = vector, TextVector = textVector };

        await _index.ReplaceDocumentAsync("d1", [chunk], Ct);
        var stored = await SingleAsync(_index.ReadIndexedAsync(cancellationToken: Ct));

        Assert.Equal(
            vector.Select(BitConverter.SingleToInt32Bits),
            stored.Vector.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(
            textVector.Select(BitConverter.SingleToInt32Bits),
            stored.TextVector!.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(chunk.Chunk, stored.Chunk);
    }

    [Fact]
    public async Task Replace_for_an_unregistered_document_throws()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _index.ReplaceDocumentAsync("nope", TestData.Chunks("nope", 1), Ct));
    }

    [Fact]
    public async Task Replace_rejects_chunks_of_another_document()
    {
        await RegisterAsync("d1");

        await Assert.ThrowsAsync<ArgumentException>(() => _index.ReplaceDocumentAsync("d1", TestData.Chunks("d2", 1), Ct));
    }

    [Fact]
    public async Task Replace_with_a_duplicate_chunk_number_fails_and_keeps_the_old_chunks()
    {
        await RegisterAsync("d1");
        var old = TestData.Chunks("d1", 3, "old");
        await _index.ReplaceDocumentAsync("d1", old, Ct);

        var broken = TestData.Chunks("d1", 2, "new").Append(TestData.Chunk("d1", 1, "dup")).ToList();
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => _index.ReplaceDocumentAsync("d1", broken, Ct));

        Assert.Equal(old.Select(c => c.Chunk), await _index.GetChunksAsync("d1", Ct));
    }

    [Fact]
    public async Task Read_indexed_returns_current_editions_unless_asked_for_all()
    {
        await RegisterAsync("old", "k", "2023");
        await RegisterAsync("new", "k", "2025");
        await RegisterAsync("pending", "p", "2025");
        await _index.ReplaceDocumentAsync("old", TestData.Chunks("old", 2), Ct);
        await _index.ReplaceDocumentAsync("new", TestData.Chunks("new", 3), Ct);
        await _index.ReplaceDocumentAsync("pending", TestData.Chunks("pending", 4), Ct);
        await _registry.MarkIndexedAsync("new", 1, 3, Ct);
        await _registry.MarkIndexedAsync("old", 1, 2, Ct);

        var current = await ToListAsync(_index.ReadIndexedAsync(cancellationToken: Ct));
        var all = await ToListAsync(_index.ReadIndexedAsync(currentOnly: false, Ct));

        Assert.Equal([("new", 0), ("new", 1), ("new", 2)], current.Select(c => (c.Chunk.DocumentId, c.Chunk.ChunkNo)));
        Assert.Equal(5, all.Count);
        Assert.DoesNotContain(all, c => c.Chunk.DocumentId == "pending");
        Assert.All(current, c => Assert.Equal(8, c.Vector.Length));
    }

    [Fact]
    public async Task Change_version_moves_on_replace_and_on_status_changes()
    {
        long v0 = await _store.GetChangeVersionAsync(Ct);
        await RegisterAsync("d1");
        Assert.Equal(v0, await _store.GetChangeVersionAsync(Ct));

        await _index.ReplaceDocumentAsync("d1", TestData.Chunks("d1", 2), Ct);
        long v1 = await _store.GetChangeVersionAsync(Ct);
        await _registry.MarkIndexedAsync("d1", 1, 2, Ct);
        long v2 = await _store.GetChangeVersionAsync(Ct);
        await _registry.MarkFailedAsync("d1", "x", Ct);
        long v3 = await _store.GetChangeVersionAsync(Ct);

        Assert.True(v0 < v1 && v1 < v2 && v2 < v3);
    }

    [Fact]
    public async Task Ten_thousand_chunks_replace_in_one_transaction()
    {
        const int count = 10_000;
        await RegisterAsync("big");
        var chunks = TestData.Chunks("big", count, "A passage of a realistic size about malaria treatment and dosing", dimension: 384);

        var watch = Stopwatch.StartNew();
        await _index.ReplaceDocumentAsync("big", chunks, Ct);
        watch.Stop();
        _output.WriteLine($"{count} chunks x 384 dims in {watch.ElapsedMilliseconds} ms ({count / watch.Elapsed.TotalSeconds:F0} chunks/s)");

        await _registry.MarkIndexedAsync("big", 1, count, Ct);
        var read = await ToListAsync(_index.ReadIndexedAsync(cancellationToken: Ct));
        Assert.Equal(count, read.Count);
        Assert.Equal(chunks[^1].Vector, read[^1].Vector);
    }

    [Fact]
    public async Task Deleting_a_document_from_the_registry_takes_its_chunks_and_their_terms_out_of_search()
    {
        await RegisterAsync("d1", "k1");
        await RegisterAsync("d2", "k2");
        await _index.ReplaceDocumentAsync("d1", TestData.Chunks("d1", 3, "cholera rehydration"), Ct);
        await _index.ReplaceDocumentAsync("d2", TestData.Chunks("d2", 2, "cholera rehydration"), Ct);
        await _registry.MarkIndexedAsync("d1", 3, 3, Ct);
        await _registry.MarkIndexedAsync("d2", 2, 2, Ct);

        await _registry.DeleteAsync("d1", Ct);

        Assert.Empty(await _index.GetChunksAsync("d1", Ct));
        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Bm25, SearchMode.Hybrid })
        {
            var hits = await _index.SearchAsync(
                new IndexQuery("cholera", TestData.Chunk("d1", 0).Vector, mode, 50, new IndexFilter { CurrentOnly = false }), Ct);
            Assert.Equal(["d2"], hits.Select(h => h.Source.DocumentId).Distinct());
        }
        // FTS5 rows do not cascade: none may be left behind for a later chunk to inherit by row id.
        await using var connection = await _store.OpenConnectionAsync(Ct);
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT (SELECT count(*) FROM chunk_terms) - (SELECT count(*) FROM chunks);";
        Assert.Equal(0L, await count.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Chunks_of_a_store_made_before_kinds_and_text_vectors_are_guidance_and_have_no_text_vector()
    {
        string path = System.IO.Path.Combine(_dir.Path, "v5");
        string database = EmbeddedStore.DatabasePathIn(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(database)!);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            // The schema as the code before chunk kinds left it: five migrations, an indexed document with one chunk.
            create.CommandText = string.Concat(EmbeddedSchema.Migrations.Take(5)) + """
                PRAGMA user_version = 5;
                INSERT INTO documents (document_id, file, sha256, content_ref, title, guideline_key, edition, publisher, language, status, current, created_at, updated_at)
                VALUES ('old', 'old.pdf', 'ab', 'content/old', 'Old guideline', 'k', '2020', 'WHO', 'en', 'indexed', 1, '2025-11-02T08:00:00.0000000Z', '2025-11-02T08:00:00.0000000Z');
                INSERT INTO chunks (document_id, chunk_no, text, page_start, page_end, section, language, ocr, token_count, vector)
                VALUES ('old', 0, 'Give oral rehydration salts for cholera.', 3, 3, '2 Cholera', 'en', 0, 9, $vector);
                INSERT INTO chunk_terms (rowid, terms) VALUES (last_insert_rowid(), 'cholera rehydration');
                """;
            create.Parameters.AddWithValue("$vector", VectorCodec.Encode(TestData.Chunk("old", 0).Vector));
            create.ExecuteNonQuery();
        }
        using var store = _dir.OpenStore(new ManualClock(), pooling: false, path: path);
        var index = new SqliteChunkIndex(store);

        Assert.Equal(ChunkKind.Guidance, Assert.Single(await index.GetChunksAsync("old", Ct)).Kind);
        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Bm25, SearchMode.Hybrid })
        {
            var hits = await index.SearchAsync(new IndexQuery("cholera", TestData.Chunk("old", 0).Vector, mode, 5, new IndexFilter { GuidanceOnly = true }), Ct);
            Assert.Equal("old", Assert.Single(hits).Source.DocumentId);
            Assert.Null(hits[0].TextVector); // answers embed its text when they need it
        }
        Assert.Null((await SingleAsync(index.ReadIndexedAsync(cancellationToken: Ct))).TextVector);
    }

    [Fact]
    public async Task Guidance_only_keeps_the_guidance_chunks_on_both_keyword_paths()
    {
        // d1 of every kind, d2 all guidance: most chunks are allowed without a document filter (the FTS-only query,
        // filtered in memory), few with d1 alone (the query joined with the chunks).
        await RegisterAsync("d1", "k1");
        await RegisterAsync("d2", "k2");
        await _index.ReplaceDocumentAsync("d1", TestData.Chunks("d1", 10, "cholera rehydration"), Ct);
        await _index.ReplaceDocumentAsync("d2", TestData.Chunks("d2", 10, "cholera rehydration").Select(c => c with { Chunk = c.Chunk with { Kind = ChunkKind.Guidance } }).ToList(), Ct);
        await _registry.MarkIndexedAsync("d1", 10, 10, Ct);
        await _registry.MarkIndexedAsync("d2", 10, 10, Ct);

        foreach (var (filter, expected) in new[] { (new IndexFilter { GuidanceOnly = true }, 12), (new IndexFilter { GuidanceOnly = true, DocumentIds = ["d1"] }, 2) })
        {
            var hits = await _index.SearchAsync(new IndexQuery("cholera", null, SearchMode.Bm25, 50, filter), Ct);
            Assert.Equal(expected, hits.Count);
            Assert.All(hits, h => Assert.Equal(ChunkKind.Guidance, h.Chunk.Kind));
        }
    }

    private Task<DocumentRecord> RegisterAsync(string id, string key = "k", string edition = "2023") =>
        _registry.RegisterAsync(TestData.Document(id, key, edition), Ct);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }
        return list;
    }

    private static async Task<T> SingleAsync<T>(IAsyncEnumerable<T> source) => Assert.Single(await ToListAsync(source));
}
