namespace Meditron.Core.Retrieval;

/// <summary>
/// Restricts a search to some chunks. Empty lists mean "any". <see cref="CurrentOnly"/> keeps only
/// current editions; the edition rules for --as-of are resolved to <see cref="DocumentIds"/> first.
/// <see cref="GuidanceOnly"/> leaves out chunks that are not guidance (contents, index, references, forms).
/// </summary>
public sealed record IndexFilter
{
    public IReadOnlyList<string> Publishers { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    public IReadOnlyList<string> GuidelineKeys { get; init; } = [];
    public IReadOnlyList<string> DocumentIds { get; init; } = [];
    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }
    public bool CurrentOnly { get; init; } = true;
    /// <summary>Only chunks of kind <see cref="Documents.ChunkKind.Guidance"/> (chunks stored before kinds existed are guidance).</summary>
    public bool GuidanceOnly { get; init; }
}
