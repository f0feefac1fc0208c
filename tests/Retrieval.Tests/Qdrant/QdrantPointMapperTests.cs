using Meditron.Core.Documents;
using Meditron.Retrieval.Embedded;
using Meditron.Retrieval.Qdrant;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Tests.Qdrant;

public sealed class QdrantPointMapperTests
{
    [Fact]
    public void Point_id_is_the_deterministic_id_of_document_edition_and_chunk_number()
    {
        var source = QdrantTestData.Source();
        var point = QdrantPointMapper.ToPoint(source, new EmbeddedChunk(QdrantTestData.Chunk(), QdrantTestData.Vector()), "dense", "bm25");
        var again = QdrantPointMapper.ToPoint(source, new EmbeddedChunk(QdrantTestData.Chunk(), QdrantTestData.Vector()), "dense", "bm25");

        Assert.Equal(PointIds.For("who-malaria-2025", "2025", 7).ToString(), point.Id.Uuid);
        Assert.Equal(point.Id, again.Id);
        var otherEdition = QdrantPointMapper.ToPoint(source with { Edition = "2023" }, new EmbeddedChunk(QdrantTestData.Chunk(), QdrantTestData.Vector()), "dense", "bm25");
        Assert.NotEqual(point.Id, otherEdition.Id);
    }

    [Fact]
    public void Point_carries_every_chunk_and_source_field_as_payload()
    {
        var point = QdrantPointMapper.ToPoint(QdrantTestData.Source(), new EmbeddedChunk(QdrantTestData.Chunk(), QdrantTestData.Vector()), "dense", "bm25");
        var p = point.Payload;

        Assert.Equal("who-malaria-2025", p["document_id"].StringValue);
        Assert.Equal(7, p["chunk_no"].IntegerValue);
        Assert.Equal("Give artesunate intravenously for severe malaria.", p["text"].StringValue);
        Assert.Equal(71, p["page_start"].IntegerValue);
        Assert.Equal(72, p["page_end"].IntegerValue);
        Assert.Equal("45", p["page_label"].StringValue);
        Assert.Equal("46", p["page_label_end"].StringValue);
        Assert.Equal("4 Treatment > 4.2 Severe malaria", p["section"].StringValue);
        Assert.Equal("fr", p["language"].StringValue);
        Assert.True(p["ocr"].BoolValue);
        Assert.Equal(123, p["token_count"].IntegerValue);
        Assert.Equal("guidance", p["kind"].StringValue);
        Assert.Equal("who-malaria-2025.pdf", p["file"].StringValue);
        Assert.Equal("WHO guidelines for malaria", p["title"].StringValue);
        Assert.Equal("WHO", p["publisher"].StringValue);
        Assert.Equal("who-malaria", p["guideline"].StringValue);
        Assert.Equal("2025", p["edition"].StringValue);
        Assert.Equal(2025, p["year"].IntegerValue);
        Assert.True(p["current"].BoolValue);
        Assert.Equal("en", p["document_language"].StringValue);
    }

    [Fact]
    public void Filterable_fields_have_the_types_of_their_payload_indexes()
    {
        var p = QdrantPointMapper.ToPoint(QdrantTestData.Source(), new EmbeddedChunk(QdrantTestData.Chunk(), QdrantTestData.Vector()), "dense", "bm25").Payload;

        Assert.Equal(Value.KindOneofCase.StringValue, p["document_id"].KindCase);
        Assert.Equal(Value.KindOneofCase.StringValue, p["guideline"].KindCase);
        Assert.Equal(Value.KindOneofCase.StringValue, p["publisher"].KindCase);
        Assert.Equal(Value.KindOneofCase.StringValue, p["language"].KindCase);
        Assert.Equal(Value.KindOneofCase.BoolValue, p["current"].KindCase);
        Assert.Equal(Value.KindOneofCase.IntegerValue, p["year"].KindCase);
        Assert.Equal(Value.KindOneofCase.StringValue, p["kind"].KindCase);
    }

    [Theory]
    [InlineData(ChunkKind.Guidance, "guidance")]
    [InlineData(ChunkKind.Contents, "contents")]
    [InlineData(ChunkKind.Index, "index")]
    [InlineData(ChunkKind.References, "references")]
    [InlineData(ChunkKind.Form, "form")]
    public void The_kind_is_written_by_name_and_read_back(ChunkKind kind, string name)
    {
        var chunk = QdrantTestData.Chunk(kind: kind);
        var payload = QdrantPointMapper.Payload(QdrantTestData.Source(), chunk);

        Assert.Equal(name, payload["kind"].StringValue);
        Assert.Equal(chunk, QdrantPointMapper.ToChunk(payload));
    }

    [Fact]
    public void A_point_written_before_kinds_existed_is_guidance()
    {
        var payload = QdrantPointMapper.Payload(QdrantTestData.Source(), QdrantTestData.Chunk(kind: ChunkKind.Index));
        payload.Remove("kind");

        Assert.Equal(ChunkKind.Guidance, QdrantPointMapper.ToChunk(payload).Kind);
    }

    [Fact]
    public void Point_has_the_named_dense_vector_and_the_named_sparse_BM25_vector()
    {
        var chunk = QdrantTestData.Chunk();
        var vector = QdrantTestData.Vector();
        var point = QdrantPointMapper.ToPoint(QdrantTestData.Source(), new EmbeddedChunk(chunk, vector), "dense", "bm25");

        var named = point.Vectors.Vectors_.Vectors;
        Assert.Equal(2, named.Count);
        Assert.Equal(vector, named["dense"].Dense.Data);
        var sparse = SparseVectorEncoder.Document(QdrantTestData.Source().Title + "\n" + chunk.Section, chunk.Text, chunk.Language);
        Assert.Equal(sparse.Indices, named["bm25"].Sparse.Indices);
        Assert.Equal(sparse.Values, named["bm25"].Sparse.Values);
        Assert.NotEmpty(sparse.Indices);
    }

    [Fact]
    public void The_text_vector_is_written_under_its_name_only_where_the_collection_keeps_them_and_the_chunk_has_one()
    {
        var withText = new EmbeddedChunk(QdrantTestData.Chunk(), QdrantTestData.Vector(), QdrantTestData.Vector(seed: 2));

        var kept = QdrantPointMapper.ToPoint(QdrantTestData.Source(), withText, "dense", "bm25", "text").Vectors.Vectors_.Vectors;
        var olderCollection = QdrantPointMapper.ToPoint(QdrantTestData.Source(), withText, "dense", "bm25").Vectors.Vectors_.Vectors;
        var noTextVector = QdrantPointMapper.ToPoint(QdrantTestData.Source(), withText with { TextVector = null }, "dense", "bm25", "text").Vectors.Vectors_.Vectors;

        Assert.Equal(QdrantTestData.Vector(seed: 2), kept["text"].Dense.Data);
        Assert.Equal(QdrantTestData.Vector(), kept["dense"].Dense.Data);
        Assert.Equal(["bm25", "dense"], olderCollection.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["bm25", "dense"], noTextVector.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_retrieved_text_vector_is_read_from_the_typed_or_the_flat_field_and_is_null_when_absent()
    {
        float[] values = [0.6f, 0.8f];
        var typed = new VectorsOutput { Vectors = new NamedVectorsOutput { Vectors = { ["text"] = new VectorOutput { Dense = new DenseVector { Data = { values } } } } } };
#pragma warning disable CS0612 // what servers before the typed output send
        var flat = new VectorsOutput { Vectors = new NamedVectorsOutput { Vectors = { ["text"] = new VectorOutput { Data = { values } } } } };
#pragma warning restore CS0612

        Assert.Equal(values, QdrantPointMapper.DenseOf(typed, "text"));
        Assert.Equal(values, QdrantPointMapper.DenseOf(flat, "text"));
        Assert.Null(QdrantPointMapper.DenseOf(typed, "other"));
        Assert.Null(QdrantPointMapper.DenseOf(null, "text"));
        Assert.Equal(values, QdrantPointMapper.ToHit(QdrantPointMapper.Payload(QdrantTestData.Source(), QdrantTestData.Chunk()), 0.5, values).TextVector);
    }

    [Fact]
    public void Vectors_are_encoded_as_the_client_library_itself_encodes_them()
    {
        float[] dense = [0.1f, 0.2f];
        var sparse = new SparseTerms([3u, 9u], [0.5f, 1.5f]);

        Assert.Equal((Vector)dense, QdrantPointMapper.Dense(dense));
        Assert.Equal((Vector)(sparse.Values, sparse.Indices), QdrantPointMapper.Sparse(sparse));
    }

    [Fact]
    public void Vector_names_come_from_the_caller()
    {
        var point = QdrantPointMapper.ToPoint(QdrantTestData.Source(), new EmbeddedChunk(QdrantTestData.Chunk(), QdrantTestData.Vector()), "minilm", "terms");

        Assert.Equal(["minilm", "terms"], point.Vectors.Vectors_.Vectors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Payload_round_trips_to_chunk_and_source()
    {
        var source = QdrantTestData.Source();
        var chunk = QdrantTestData.Chunk();
        var point = QdrantPointMapper.ToPoint(source, new EmbeddedChunk(chunk, QdrantTestData.Vector()), "dense", "bm25");

        Assert.Equal(chunk, QdrantPointMapper.ToChunk(point.Payload));
        Assert.Equal(source, QdrantPointMapper.ToSource(point.Payload));
    }

    [Fact]
    public void Null_fields_are_left_out_and_round_trip_as_null()
    {
        var source = QdrantTestData.Source(year: null, current: false);
        var chunk = QdrantTestData.Chunk(pageLabel: null, pageLabelEnd: null);
        var point = QdrantPointMapper.ToPoint(source, new EmbeddedChunk(chunk, QdrantTestData.Vector()), "dense", "bm25");

        Assert.False(point.Payload.ContainsKey("year"));
        Assert.False(point.Payload.ContainsKey("page_label"));
        Assert.False(point.Payload.ContainsKey("page_label_end"));
        Assert.Equal(chunk, QdrantPointMapper.ToChunk(point.Payload));
        Assert.Equal(source, QdrantPointMapper.ToSource(point.Payload));
    }

    [Fact]
    public void Scored_point_maps_to_a_hit_with_its_score()
    {
        var source = QdrantTestData.Source();
        var chunk = QdrantTestData.Chunk();
        var scored = new ScoredPoint { Score = 0.83f };
        foreach (var (key, value) in QdrantPointMapper.Payload(source, chunk))
        {
            scored.Payload[key] = value;
        }

        var hit = QdrantPointMapper.ToHit(scored.Payload, scored.Score);

        Assert.Equal(chunk, hit.Chunk);
        Assert.Equal(source, hit.Source);
        Assert.Equal(0.83, hit.Score, 5);
    }

    [Fact]
    public void Whole_numbers_written_as_doubles_by_JSON_clients_are_read()
    {
        var payload = QdrantPointMapper.Payload(QdrantTestData.Source(), QdrantTestData.Chunk());
        payload["chunk_no"] = 7.0;
        payload["year"] = 2025.0;

        Assert.Equal(7, QdrantPointMapper.ToChunk(payload).ChunkNo);
        Assert.Equal(2025, QdrantPointMapper.ToSource(payload).Year);
    }

    [Fact]
    public void A_point_without_the_required_fields_is_reported()
    {
        var payload = QdrantPointMapper.Payload(QdrantTestData.Source(), QdrantTestData.Chunk());
        payload.Remove("text");

        var e = Assert.Throws<InvalidOperationException>(() => QdrantPointMapper.ToChunk(payload));
        Assert.Contains("text", e.Message, StringComparison.Ordinal);
    }
}
