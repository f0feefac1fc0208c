using Meditron.Core.Ports;
using Meditron.Generation.Citations;

namespace Meditron.Generation.Tests.Extractive;

/// <summary>Deterministic bag-of-words embedder (words hashed into 64 dims, L2-normalised): a stand-in for MiniLM.</summary>
internal sealed class HashingEmbedder : IEmbedder
{
    public string ModelId => "test-hashing-64";
    public int Dimension => 64;
    public int MaxTokens => 512;
    public int Calls { get; private set; }

    public int CountTokens(string text) => TextFolding.CountWords(text);

    public float[][] Embed(IReadOnlyList<string> texts, EmbeddingPurpose purpose, CancellationToken cancellationToken = default)
    {
        Calls++;
        return texts.Select(Embed).ToArray();
    }

    private float[] Embed(string text)
    {
        var v = new float[Dimension];
        foreach (var w in TextFolding.ContentWords(text))
        {
            var h = 17;
            foreach (var ch in w)
            {
                h = unchecked(h * 31 + ch);
            }
            v[(h & 0x7fffffff) % Dimension] += 1f;
        }
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return norm == 0 ? v : v.Select(x => x / norm).ToArray();
    }
}
