using Meditron.Core.Ports;

namespace Meditron.Application.Tests;

/// <summary>The real embedder, counting what it is asked to embed and as what (the seam's real side is OnnxEmbedderTests).</summary>
internal sealed class CountingEmbedder(IEmbedder inner) : IEmbedder
{
    private readonly List<(string Text, EmbeddingPurpose Purpose)> _texts = [];

    public IReadOnlyList<string> Texts => Embedded.Select(e => e.Text).ToList();

    public IReadOnlyList<(string Text, EmbeddingPurpose Purpose)> Embedded
    {
        get
        {
            lock (_texts)
            {
                return [.. _texts];
            }
        }
    }

    public string ModelId => inner.ModelId;

    public int Dimension => inner.Dimension;

    public int MaxTokens => inner.MaxTokens;

    public int CountTokens(string text) => inner.CountTokens(text);

    public float[][] Embed(IReadOnlyList<string> texts, EmbeddingPurpose purpose, CancellationToken cancellationToken = default)
    {
        lock (_texts)
        {
            _texts.AddRange(texts.Select(t => (t, purpose)));
        }
        return inner.Embed(texts, purpose, cancellationToken);
    }
}
