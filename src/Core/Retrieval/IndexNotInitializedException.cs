namespace Meditron.Core.Retrieval;

/// <summary>
/// A read found no index to read: nothing was ever ingested there (a Qdrant collection that does not exist yet, or a
/// mistyped collection name). Reads never create the index; ingestion or <c>meditron index init</c> does.
/// </summary>
public sealed class IndexNotInitializedException : Exception
{
    public IndexNotInitializedException()
    {
    }

    public IndexNotInitializedException(string message)
        : base(message)
    {
    }

    public IndexNotInitializedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
