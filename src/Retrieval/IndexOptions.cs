namespace Meditron.Retrieval;

public enum IndexProvider
{
    Embedded,
    Qdrant,
}

/// <summary>Which index adapter holds and searches the chunks (configuration section "Index").</summary>
public sealed class IndexOptions
{
    public const string SectionName = "Index";

    public IndexProvider Provider { get; set; } = IndexProvider.Embedded;
}
