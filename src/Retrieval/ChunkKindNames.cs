using Meditron.Core.Documents;

namespace Meditron.Retrieval;

/// <summary>How a <see cref="ChunkKind"/> is stored (the embedded store's column, Qdrant's payload): a stable lower-case name.</summary>
internal static class ChunkKindNames
{
    public const string Guidance = "guidance";

    /// <summary>The names of every kind that is not guidance.</summary>
    public static IReadOnlyList<string> NotGuidance { get; } =
        [.. Enum.GetValues<ChunkKind>().Where(k => k != ChunkKind.Guidance).Select(Of)];

    public static string Of(ChunkKind kind) => kind switch
    {
        ChunkKind.Guidance => Guidance,
        ChunkKind.Contents => "contents",
        ChunkKind.Index => "index",
        ChunkKind.References => "references",
        ChunkKind.Form => "form",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown chunk kind."),
    };

    /// <summary>The kind of a stored name; a missing name (a chunk stored before kinds existed) is guidance.</summary>
    /// <exception cref="InvalidDataException">A name no build writes.</exception>
    public static ChunkKind Parse(string? name) => name switch
    {
        null or "" or Guidance => ChunkKind.Guidance,
        "contents" => ChunkKind.Contents,
        "index" => ChunkKind.Index,
        "references" => ChunkKind.References,
        "form" => ChunkKind.Form,
        _ => throw new InvalidDataException($"Unknown chunk kind '{name}'."),
    };
}
