using System.Globalization;
using Meditron.Core.Ports;

namespace Meditron.Core.Retrieval;

/// <summary>
/// The embedding model whose vectors an index holds: its id (<see cref="IEmbedder.ModelId"/>) and dimension.
/// Vectors of two models are not comparable, even at the same dimension, so an index records this at its
/// first write and refuses any other.
/// </summary>
public sealed record EmbeddingModel(string Id, int Dimension)
{
    public static EmbeddingModel Of(IEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        return new EmbeddingModel(embedder.ModelId, embedder.Dimension);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"'{Id}' ({Dimension} dimensions)");
}
