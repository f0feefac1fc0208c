using Meditron.Core.Documents;

namespace Meditron.Tests.Contracts;

/// <summary>Test records: documents for the registry contract, chunks for the index tests.</summary>
public static class TestData
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
