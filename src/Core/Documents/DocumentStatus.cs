namespace Meditron.Core.Documents;

public enum DocumentStatus
{
    /// <summary>Registered, content stored, not yet indexed (or indexing was interrupted).</summary>
    Pending,
    Indexed,
    Failed,
}
