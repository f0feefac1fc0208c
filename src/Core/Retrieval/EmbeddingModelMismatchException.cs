namespace Meditron.Core.Retrieval;

/// <summary>
/// The index holds vectors of another embedding model than the configured one. Comparing them would give
/// meaningless rankings, so ingestion and search refuse: go back to the model the index was built with, or
/// re-ingest the documents with the new model into a new data directory or Qdrant collection.
/// </summary>
public sealed class EmbeddingModelMismatchException : Exception
{
    public EmbeddingModelMismatchException()
    {
    }

    public EmbeddingModelMismatchException(string message)
        : base(message)
    {
    }

    public EmbeddingModelMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The model the index was built with (its id is "unrecorded" for an index older than the record).</summary>
    public EmbeddingModel? Indexed { get; init; }

    /// <summary>The model of this configuration.</summary>
    public EmbeddingModel? Configured { get; init; }

    /// <param name="index">Which index, as a user finds it: "The embedded store at PATH", "Qdrant collection NAME".</param>
    /// <param name="freshIndex">Where a re-ingest goes instead: "a new data directory (--data or Data:Directory)".</param>
    public static EmbeddingModelMismatchException For(string index, string freshIndex, EmbeddingModel indexed, EmbeddingModel configured)
    {
        ArgumentNullException.ThrowIfNull(indexed);
        ArgumentNullException.ThrowIfNull(configured);
        return new EmbeddingModelMismatchException(
            $"{index} holds vectors of embedding model {indexed}, but the configured model is {configured}, and vectors of two models "
            + $"cannot be compared. Use the Embedding settings the index was built with, or re-ingest the documents with the new model into {freshIndex}.")
        {
            Indexed = indexed,
            Configured = configured,
        };
    }
}
