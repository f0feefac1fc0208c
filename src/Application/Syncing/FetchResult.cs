namespace Meditron.Application.Syncing;

/// <summary>What fetching one URL gave: not modified (304), the body in the target file with its validators, or a failure.</summary>
public sealed record FetchResult
{
    public required FetchOutcome Outcome { get; init; }

    /// <summary>The response's ETag, quotes included; with <see cref="FetchOutcome.Downloaded"/>.</summary>
    public string? ETag { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Bytes in the target file.</summary>
    public long Bytes { get; init; }

    /// <summary>Why it failed: the HTTP status, the network error, the limit passed.</summary>
    public string? Reason { get; init; }

    public static FetchResult NotModified() => new() { Outcome = FetchOutcome.NotModified };

    public static FetchResult Failed(string reason) => new() { Outcome = FetchOutcome.Failed, Reason = reason };
}

public enum FetchOutcome
{
    NotModified,
    Downloaded,
    Failed,
}
