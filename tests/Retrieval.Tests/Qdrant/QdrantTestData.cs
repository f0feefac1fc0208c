using Meditron.Core.Documents;
using Meditron.Core.Retrieval;

namespace Meditron.Retrieval.Tests.Qdrant;

internal static class QdrantTestData
{
    public static ChunkSource Source(string documentId = "who-malaria-2025", int? year = 2025, bool current = true) => new()
    {
        DocumentId = documentId,
        File = "who-malaria-2025.pdf",
        Title = "WHO guidelines for malaria",
        Publisher = "WHO",
        GuidelineKey = "who-malaria",
        Edition = "2025",
        Language = "en",
        Year = year,
        Current = current,
    };

    public static Chunk Chunk(string documentId = "who-malaria-2025", int chunkNo = 7, string? pageLabel = "45", string? pageLabelEnd = "46", ChunkKind kind = ChunkKind.Guidance) => new()
    {
        DocumentId = documentId,
        ChunkNo = chunkNo,
        Text = "Give artesunate intravenously for severe malaria.",
        PageStart = 71,
        PageEnd = 72,
        PageLabel = pageLabel,
        PageLabelEnd = pageLabelEnd,
        Section = "4 Treatment > 4.2 Severe malaria",
        Language = "fr",
        Ocr = true,
        TokenCount = 123,
        Kind = kind,
    };

    public static float[] Vector(int dimension = 384, int seed = 1)
    {
        var vector = new float[dimension];
        for (int i = 0; i < dimension; i++)
        {
            vector[i] = ((i * 7 + seed * 13) % 17) / 17f;
        }
        return vector;
    }
}
