using Meditron.Core.Documents;
using Meditron.Retrieval.Embedded;

namespace Meditron.Retrieval.Tests.Embedded;

/// <summary>A fresh data directory under the temp folder, deleted afterwards.</summary>
internal sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "meditron-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public EmbeddedStore OpenStore(TimeProvider? clock = null, bool pooling = true, string? path = null) =>
        new(new EmbeddedStoreOptions { DataDirectory = path ?? Path, Pooling = pooling }, timeProvider: clock);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may still be open on some platforms; the temp folder is cleaned eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public ManualClock() : this(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public DateTimeOffset Advance(TimeSpan by) => _now += by;

    public DateTimeOffset Advance() => Advance(TimeSpan.FromMinutes(1));
}

internal static class TestData
{
    public static DocumentRecord Document(string id, string key, string edition, int? year = null, DateTimeOffset? createdAt = null) => new()
    {
        DocumentId = id,
        File = $"{id}.pdf",
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))),
        ContentRef = $"content/{id}",
        Metadata = new DocumentMetadata
        {
            Title = $"Guideline {key}",
            GuidelineKey = key,
            Edition = edition,
            Publisher = "WHO",
            Year = year,
            Language = "en",
        },
        CreatedAt = createdAt ?? default,
    };

    public static EmbeddedChunk Chunk(string documentId, int chunkNo, string text = "", int dimension = 8)
    {
        var vector = new float[dimension];
        for (int i = 0; i < dimension; i++)
        {
            vector[i] = (chunkNo * 31 + i) / 1000f;
        }
        return new EmbeddedChunk(
            new Chunk
            {
                DocumentId = documentId,
                ChunkNo = chunkNo,
                Text = text.Length > 0 ? text : $"Passage {chunkNo} of {documentId}",
                PageStart = chunkNo + 1,
                PageEnd = chunkNo + 2,
                PageLabel = chunkNo % 2 == 0 ? $"{chunkNo + 10}" : null,
                PageLabelEnd = chunkNo % 3 == 0 ? $"{chunkNo + 11}" : null,
                Section = $"4 Treatment > 4.{chunkNo} Dosing",
                Language = chunkNo % 2 == 0 ? "en" : "fr",
                Ocr = chunkNo % 5 == 0,
                TokenCount = 100 + chunkNo,
                Kind = (ChunkKind)(chunkNo % 5),
            },
            vector);
    }

    public static List<EmbeddedChunk> Chunks(string documentId, int count, string prefix = "", int dimension = 8) =>
        Enumerable.Range(0, count).Select(i => Chunk(documentId, i, prefix.Length > 0 ? $"{prefix} {i}" : "", dimension)).ToList();
}
