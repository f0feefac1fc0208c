using Meditron.Core.Documents;
using Meditron.Core.Retrieval;
using Meditron.Retrieval.Embedded;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Qdrant;

/// <summary>Chunks to Qdrant points and back. Pure: no server involved.</summary>
internal static class QdrantPointMapper
{
    /// <summary>
    /// The point of one chunk: id <see cref="PointIds.For"/>(document, edition, chunk number); payload every
    /// chunk and source field (null fields left out); the dense vector and the BM25 sparse vector, both named, and the
    /// chunk's text vector where it has one and the collection keeps them (<paramref name="textVectorName"/> not null).
    /// </summary>
    public static PointStruct ToPoint(ChunkSource source, EmbeddedChunk item, string denseVectorName, string sparseVectorName, string? textVectorName = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(item);
        var chunk = item.Chunk;
        var sparse = SparseVectorEncoder.Document(chunk, source.Title);

        var point = new PointStruct
        {
            Id = PointIds.For(source.DocumentId, source.Edition, chunk.ChunkNo),
            Vectors = new Dictionary<string, Vector>
            {
                [denseVectorName] = Dense(item.Vector),
                [sparseVectorName] = Sparse(sparse),
            },
        };
        if (textVectorName is not null && item.TextVector is { } text)
        {
            point.Vectors.Vectors_.Vectors.Add(textVectorName, Dense(text));
        }
        foreach (var (key, value) in Payload(source, chunk))
        {
            point.Payload[key] = value;
        }
        return point;
    }

    public static Dictionary<string, Value> Payload(ChunkSource source, Chunk chunk)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(chunk);
        var payload = new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            [QdrantPayload.DocumentId] = source.DocumentId,
            [QdrantPayload.ChunkNo] = (long)chunk.ChunkNo,
            [QdrantPayload.Text] = chunk.Text,
            [QdrantPayload.PageStart] = (long)chunk.PageStart,
            [QdrantPayload.PageEnd] = (long)chunk.PageEnd,
            [QdrantPayload.Section] = chunk.Section,
            [QdrantPayload.Language] = chunk.Language,
            [QdrantPayload.Ocr] = chunk.Ocr,
            [QdrantPayload.TokenCount] = (long)chunk.TokenCount,
            [QdrantPayload.Kind] = ChunkKindNames.Of(chunk.Kind),
            [QdrantPayload.File] = source.File,
            [QdrantPayload.Title] = source.Title,
            [QdrantPayload.Publisher] = source.Publisher,
            [QdrantPayload.Guideline] = source.GuidelineKey,
            [QdrantPayload.Edition] = source.Edition,
            [QdrantPayload.DocumentLanguage] = source.Language,
            [QdrantPayload.Current] = source.Current,
            [QdrantPayload.PublisherFolded] = QdrantPayload.Fold(source.Publisher),
            [QdrantPayload.GuidelineFolded] = QdrantPayload.Fold(source.GuidelineKey),
            [QdrantPayload.DocumentIdFolded] = QdrantPayload.Fold(source.DocumentId),
            [QdrantPayload.DocumentLanguageFolded] = QdrantPayload.Fold(source.Language),
        };
        if (chunk.PageLabel is not null)
        {
            payload[QdrantPayload.PageLabel] = chunk.PageLabel;
        }
        if (chunk.PageLabelEnd is not null)
        {
            payload[QdrantPayload.PageLabelEnd] = chunk.PageLabelEnd;
        }
        if (source.Year is int year)
        {
            payload[QdrantPayload.Year] = (long)year;
        }
        return payload;
    }

    public static Vector Dense(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Vector { Dense = new DenseVector { Data = { values } } };
    }

    public static Vector Sparse(SparseTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new Vector { Sparse = new SparseVector { Indices = { terms.Indices }, Values = { terms.Values } } };
    }

    /// <exception cref="InvalidOperationException">The payload lacks a field every chunk point has (not written by this adapter).</exception>
    public static Chunk ToChunk(IReadOnlyDictionary<string, Value> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new Chunk
        {
            DocumentId = RequiredString(payload, QdrantPayload.DocumentId),
            ChunkNo = RequiredInt(payload, QdrantPayload.ChunkNo),
            Text = RequiredString(payload, QdrantPayload.Text),
            PageStart = RequiredInt(payload, QdrantPayload.PageStart),
            PageEnd = RequiredInt(payload, QdrantPayload.PageEnd),
            PageLabel = OptionalString(payload, QdrantPayload.PageLabel),
            PageLabelEnd = OptionalString(payload, QdrantPayload.PageLabelEnd),
            Section = OptionalString(payload, QdrantPayload.Section) ?? "",
            Language = OptionalString(payload, QdrantPayload.Language) ?? "en",
            Ocr = OptionalBool(payload, QdrantPayload.Ocr) ?? false,
            TokenCount = OptionalInt(payload, QdrantPayload.TokenCount) ?? 0,
            Kind = ChunkKindNames.Parse(OptionalString(payload, QdrantPayload.Kind)),
        };
    }

    /// <exception cref="InvalidOperationException">The payload lacks a field every chunk point has (not written by this adapter).</exception>
    public static ChunkSource ToSource(IReadOnlyDictionary<string, Value> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new ChunkSource
        {
            DocumentId = RequiredString(payload, QdrantPayload.DocumentId),
            File = RequiredString(payload, QdrantPayload.File),
            Title = RequiredString(payload, QdrantPayload.Title),
            Publisher = OptionalString(payload, QdrantPayload.Publisher) ?? "",
            GuidelineKey = RequiredString(payload, QdrantPayload.Guideline),
            Edition = RequiredString(payload, QdrantPayload.Edition),
            Language = OptionalString(payload, QdrantPayload.DocumentLanguage)
                ?? OptionalString(payload, QdrantPayload.Language) ?? "en",
            Year = OptionalInt(payload, QdrantPayload.Year),
            Current = OptionalBool(payload, QdrantPayload.Current) ?? false,
        };
    }

    /// <summary>A hit from a point's full payload, the score its ranking gave it and its stored text vector (null: none).</summary>
    public static IndexHit ToHit(IReadOnlyDictionary<string, Value> payload, double score, float[]? textVector = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new IndexHit(ToChunk(payload), ToSource(payload), score, textVector);
    }

    /// <summary>The named dense vector of a retrieved point; null when the point came without it.</summary>
    public static float[]? DenseOf(VectorsOutput? vectors, string name)
    {
        if (vectors?.Vectors?.Vectors is not { } named || !named.TryGetValue(name, out var vector))
        {
            return null;
        }
        if (vector.Dense?.Data is { Count: > 0 } dense)
        {
            return [.. dense];
        }
        // Servers before the typed output fill only the flat field, which the client marks obsolete.
#pragma warning disable CS0612
        return vector.Data.Count == 0 ? null : [.. vector.Data];
#pragma warning restore CS0612
    }

    /// <summary>The fields a ranking side reads (<see cref="QdrantSearchPlan.RankingFields"/>).</summary>
    /// <exception cref="InvalidOperationException">The payload lacks one of them (not written by this adapter).</exception>
    public static (string DocumentId, int PageStart, int ChunkNo) ToRanked(IReadOnlyDictionary<string, Value> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return (RequiredString(payload, QdrantPayload.DocumentId), RequiredInt(payload, QdrantPayload.PageStart), RequiredInt(payload, QdrantPayload.ChunkNo));
    }

    private static string RequiredString(IReadOnlyDictionary<string, Value> payload, string key) =>
        OptionalString(payload, key) ?? throw Missing(key);

    private static int RequiredInt(IReadOnlyDictionary<string, Value> payload, string key) =>
        OptionalInt(payload, key) ?? throw Missing(key);

    private static string? OptionalString(IReadOnlyDictionary<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : null;

    private static int? OptionalInt(IReadOnlyDictionary<string, Value> payload, string key)
    {
        if (!payload.TryGetValue(key, out var value))
        {
            return null;
        }
        return value.KindCase switch
        {
            Value.KindOneofCase.IntegerValue => checked((int)value.IntegerValue),
            // JSON clients (REST, the web UI) may have written a whole number as a double.
            Value.KindOneofCase.DoubleValue => checked((int)value.DoubleValue),
            _ => null,
        };
    }

    private static bool? OptionalBool(IReadOnlyDictionary<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var value) && value.KindCase == Value.KindOneofCase.BoolValue ? value.BoolValue : null;

    private static InvalidOperationException Missing(string key) =>
        new($"A Qdrant point lacks the payload field '{key}'; it was not written by this adapter.");
}
