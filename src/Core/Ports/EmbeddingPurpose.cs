namespace Meditron.Core.Ports;

/// <summary>
/// What a text is to the embedding model. Asymmetric models (e5: "query: " and "passage: ") embed the two
/// differently, so a question must be embedded as a query and whatever it is compared with as passages.
/// </summary>
public enum EmbeddingPurpose
{
    /// <summary>A question or search query.</summary>
    Query,

    /// <summary>Text that answers: a chunk, an evidence passage, a sentence of one.</summary>
    Passage,
}
