namespace Meditron.Core.Ports;

/// <summary>Turns passages and queries into dense vectors (L2-normalised).</summary>
public interface IEmbedder
{
    /// <summary>Names the model and the settings that shape its vectors; an index records it with <see cref="Dimension"/>.</summary>
    string ModelId { get; }
    int Dimension { get; }
    /// <summary>The most tokens the model reads; longer texts are cut.</summary>
    int MaxTokens { get; }

    /// <summary>Tokens the model reads for <paramref name="text"/> embedded as a passage (its prefix and special tokens included), without truncation.</summary>
    int CountTokens(string text);

    /// <summary>One vector per text, in order; the purpose chooses the model's query or passage form.</summary>
    float[][] Embed(IReadOnlyList<string> texts, EmbeddingPurpose purpose, CancellationToken cancellationToken = default);
}
