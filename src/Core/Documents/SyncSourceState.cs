namespace Meditron.Core.Documents;

/// <summary>
/// What `meditron sync` last learned about one guideline source (a URL or a local path): the HTTP validators for the
/// next conditional request, and the SHA-256 of the content it last handed over. Kept in shared state, so a scheduled
/// job without a data directory of its own still sends If-None-Match / If-Modified-Since.
/// </summary>
public sealed record SyncSourceState
{
    /// <summary>The source exactly as written in the SOURCES file: the key of the state.</summary>
    public required string Source { get; init; }

    /// <summary>The ETag the server sent with the content last handed over, quotes included (sent back as If-None-Match).</summary>
    public string? ETag { get; init; }

    /// <summary>The Last-Modified the server sent with that content (sent back as If-Modified-Since).</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Lowercase hex SHA-256 of the content last handed over; null before the first success.</summary>
    public string? Sha256 { get; init; }

    /// <summary>When the source was last checked, whatever the outcome.</summary>
    public DateTimeOffset CheckedAt { get; init; }
}
