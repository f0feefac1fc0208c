using Meditron.Core.Documents;

namespace Meditron.Core.Retrieval;

/// <summary>The document facts an index keeps with every chunk, for filters and citations.</summary>
public sealed record ChunkSource
{
    public required string DocumentId { get; init; }
    public required string File { get; init; }
    public required string Title { get; init; }
    public required string Publisher { get; init; }
    public required string GuidelineKey { get; init; }
    public required string Edition { get; init; }
    public required string Language { get; init; }
    public int? Year { get; init; }
    public bool Current { get; init; }

    public static ChunkSource From(DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new ChunkSource
        {
            DocumentId = document.DocumentId,
            File = document.File,
            Title = document.Metadata.Title,
            Publisher = document.Metadata.Publisher,
            GuidelineKey = document.Metadata.GuidelineKey,
            Edition = document.Metadata.Edition,
            Language = document.Metadata.Language,
            Year = document.Metadata.Year,
            Current = document.Current,
        };
    }
}
