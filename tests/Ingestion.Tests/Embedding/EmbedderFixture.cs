using Meditron.Ingestion.Embedding;
using Microsoft.Extensions.Options;

namespace Meditron.Ingestion.Tests.Embedding;

/// <summary>One loaded model for all tests that need the real embedder or tokenizer.</summary>
public sealed class EmbedderFixture : IDisposable
{
    public EmbedderFixture() => Embedder = new OnnxEmbedder(Options.Create(new EmbeddingOptions()));

    public OnnxEmbedder Embedder { get; }

    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EmbedderGroup : ICollectionFixture<EmbedderFixture>
{
    public const string Name = "OnnxEmbedder";
}

internal static class Vectors
{
    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }

    public static double Norm(float[] a) => Math.Sqrt(a.Sum(x => (double)x * x));
}
