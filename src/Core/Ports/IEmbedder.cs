namespace Meditron.Core.Ports;

/// <summary>Turns passages and queries into dense vectors (L2-normalised).</summary>
public interface IEmbedder
{
    string ModelId { get; }
    int Dimension { get; }
    /// <summary>The most tokens the model reads; longer texts are cut.</summary>
    int MaxTokens { get; }

    int CountTokens(string text);

    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
