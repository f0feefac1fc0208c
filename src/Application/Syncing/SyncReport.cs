namespace Meditron.Application.Syncing;

/// <summary>
/// What a sync did (`sync --json`): sources checked, unchanged (304, or content already indexed), enqueued (new content
/// handed to ingestion: ingested before exit in the embedded shape, queued for the workers in the cluster shape), and
/// the failures with their reasons; <see cref="Sources"/> gives each source's details.
/// </summary>
public sealed record SyncReport(int Checked, int Unchanged, int Enqueued, IReadOnlyList<SyncFailure> Failed, IReadOnlyList<SyncSourceReport> Sources)
{
    public static SyncReport Of(IReadOnlyList<SyncSourceReport> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return new SyncReport(
            sources.Count,
            sources.Count(s => s.Status == SyncSourceReport.UnchangedStatus),
            sources.Count(s => s.Status == SyncSourceReport.EnqueuedStatus),
            [.. sources.Where(s => s.Status == SyncSourceReport.FailedStatus).Select(s => new SyncFailure(s.Source, s.Reason ?? "unknown"))],
            sources);
    }
}

/// <summary>A source that failed, and why (the others are still processed).</summary>
public sealed record SyncFailure(string Source, string Reason);

/// <summary>One source's outcome.</summary>
/// <param name="Status">unchanged, enqueued or failed.</param>
/// <param name="Detail">How: not-modified (304), same-content, indexed (in process), queued (for the workers).</param>
/// <param name="DocumentId">The document of the content, when it got that far.</param>
public sealed record SyncSourceReport(string Source, string Status, string? Detail, string? DocumentId, string? Reason)
{
    public const string UnchangedStatus = "unchanged";
    public const string EnqueuedStatus = "enqueued";
    public const string FailedStatus = "failed";

    public const string NotModifiedDetail = "not-modified";
    public const string SameContentDetail = "same-content";
    public const string IndexedDetail = "indexed";
    public const string QueuedDetail = "queued";

    public static SyncSourceReport Failure(string source, string reason, string? documentId = null) =>
        new(source, FailedStatus, null, documentId, reason);
}
