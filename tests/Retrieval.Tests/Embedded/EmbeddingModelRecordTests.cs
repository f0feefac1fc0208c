using Meditron.Core.Retrieval;
using Meditron.Retrieval.Embedded;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Tests.Embedded;

/// <summary>The embedded store records the embedding model of its vectors and refuses to mix two (a real SQLite store).</summary>
public sealed class EmbeddingModelRecordTests : IDisposable
{
    private static readonly EmbeddingModel ModelA = new("all-MiniLM-L6-v2", 8);
    private static readonly EmbeddingModel ModelB = new("multilingual-e5-small/model.onnx (query prefix 'query: ', passage prefix 'passage: ')", 8);

    private readonly TempDataDirectory _dir = new();
    private readonly EmbeddedStore _store;
    private readonly SqliteDocumentRegistry _registry;

    public EmbeddingModelRecordTests()
    {
        _store = _dir.OpenStore(new ManualClock());
        _registry = new SqliteDocumentRegistry(_store);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_first_write_records_the_model_and_its_dimension()
    {
        await IngestAsync(Index(ModelA), "d1");

        Assert.Equal(ModelA, await RecordedAsync());
    }

    [Fact]
    public async Task A_store_written_with_one_model_refuses_to_ingest_with_another()
    {
        await IngestAsync(Index(ModelA), "d1");

        var refused = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => IngestAsync(Index(ModelB), "d2"));

        Assert.Equal(ModelA, refused.Indexed);
        Assert.Equal(ModelB, refused.Configured);
        Assert.Contains("'all-MiniLM-L6-v2' (8 dimensions)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'multilingual-e5-small/model.onnx", refused.Message, StringComparison.Ordinal);
        Assert.Contains("re-ingest", refused.Message, StringComparison.Ordinal);
        Assert.Contains(_store.DatabasePath, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await Index(ModelA).GetChunksAsync("d2", Ct)); // nothing of the refused document was written
        Assert.Equal(ModelA, await RecordedAsync());
    }

    [Fact]
    public async Task A_store_written_with_one_model_refuses_a_dense_search_with_another()
    {
        await IngestAsync(Index(ModelA), "d1");
        var query = new float[8];
        query[0] = 1;

        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => Index(ModelB).SearchAsync(Dense(query), Ct));
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => Index(ModelB).SearchAsync(Dense(query) with { Mode = SearchMode.Hybrid }, Ct));
        Assert.NotEmpty(await Index(ModelA).SearchAsync(Dense(query), Ct));
        // BM25 compares no vectors: it still answers.
        Assert.NotEmpty(await Index(ModelB).SearchAsync(new IndexQuery("passage", null, SearchMode.Bm25, 5, new IndexFilter { CurrentOnly = false }), Ct));
    }

    [Fact]
    public async Task Once_every_vector_is_gone_another_model_may_take_the_store()
    {
        await IngestAsync(Index(ModelA), "d1");
        await Index(ModelA).DeleteDocumentAsync("d1", Ct);

        await IngestAsync(Index(ModelB), "d2");

        Assert.Equal(ModelB, await RecordedAsync());
    }

    [Fact]
    public async Task A_store_from_before_the_record_takes_a_model_of_its_vectors_size_and_refuses_another_size()
    {
        await IngestAsync(new SqliteChunkIndex(_store), "d1"); // written without a model, as before the record existed
        Assert.Null(await RecordedAsync());

        var wider = new EmbeddingModel("bge-base", 768);
        var refused = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => Index(wider).SearchAsync(Dense(new float[768]), Ct));
        Assert.Equal(new EmbeddingModel(StoredEmbeddingModel.UnrecordedId, 8), refused.Indexed);
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => IngestAsync(Index(wider), "d2", dimension: 768));

        await IngestAsync(Index(ModelA), "d3");
        Assert.Equal(ModelA, await RecordedAsync());
    }

    [Fact]
    public async Task A_vector_of_another_size_than_the_model_is_refused()
    {
        await _registry.RegisterAsync(TestData.Document("d1", "k1", "2023"), Ct);
        await Assert.ThrowsAsync<ArgumentException>(() => Index(ModelA).ReplaceDocumentAsync("d1", TestData.Chunks("d1", 2, dimension: 4), Ct));
    }

    [Fact]
    public async Task The_model_lives_in_store_meta_rows_without_a_schema_change()
    {
        await IngestAsync(Index(ModelA), "d1");

        await using var connection = new SqliteConnection($"Data Source={_store.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM store_meta WHERE name = 'embedding_model:all-MiniLM-L6-v2';";
        Assert.Equal(8L, await command.ExecuteScalarAsync(Ct));
    }

    private SqliteChunkIndex Index(EmbeddingModel model) => new(_store, () => model);

    private async Task IngestAsync(SqliteChunkIndex index, string documentId, int dimension = 8)
    {
        if (await _registry.GetAsync(documentId, Ct) is null)
        {
            await _registry.RegisterAsync(TestData.Document(documentId, "k-" + documentId, "2023"), Ct);
        }
        await index.ReplaceDocumentAsync(documentId, TestData.Chunks(documentId, 3, dimension: dimension), Ct);
    }

    private Task<EmbeddingModel?> RecordedAsync() =>
        _store.ReadAsync((connection, ct) => StoredEmbeddingModel.ReadAsync(connection, null, ct), Ct);

    private static IndexQuery Dense(float[] vector) => new("passage", vector, SearchMode.Dense, 5, new IndexFilter { CurrentOnly = false });
}
