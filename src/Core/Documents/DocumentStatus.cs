namespace Meditron.Core.Documents;

public enum DocumentStatus
{
    /// <summary>Registered, content stored, not yet indexed (or indexing was interrupted).</summary>
    Pending,
    /// <summary>An ingestion message for it was published; no worker has taken it yet.</summary>
    Queued,
    /// <summary>A worker is extracting, embedding and indexing it (<see cref="DocumentRecord.Attempts"/> counts the tries).</summary>
    Processing,
    Indexed,
    Failed,
}
