namespace Meditron.Core.Retrieval;

/// <summary>A question to the retrieval service.</summary>
public sealed record SearchRequest
{
    public required string Query { get; init; }
    public int TopK { get; init; } = 10;
    public SearchMode Mode { get; init; } = SearchMode.Hybrid;
    /// <summary>Publisher, language, guideline, year and document filters (its CurrentOnly is set from the edition options).</summary>
    public IndexFilter Filter { get; init; } = new();
    /// <summary>Search superseded editions too.</summary>
    public bool IncludeSuperseded { get; init; }
    /// <summary>Answer from the editions that were current on this date (the newest edition published by then).</summary>
    public DateOnly? AsOf { get; init; }
    /// <summary>
    /// Leave out passages that are not guidance (a table of contents, an index, a reference list, a form): what an
    /// answer is built from. A plain search finds them too, since a reader may look for a contents entry.
    /// </summary>
    public bool GuidanceOnly { get; init; }
    /// <summary>The query's embedding when the caller has it already (an ask embeds the question once); null: embedded here.</summary>
    public float[]? QueryVector { get; init; }
}
