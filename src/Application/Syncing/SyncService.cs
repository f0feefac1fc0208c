using Meditron.Application.Ingesting;
using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Ingestion.Intake;
using Meditron.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Application.Syncing;

/// <summary>
/// The guideline update job (`meditron sync SOURCES`): each source is fetched (conditionally, from its saved
/// validators) or read, checked to be a PDF, and handed to ingestion, which skips content already indexed. Over
/// RabbitMQ new content is queued for the ingestion workers; in process it is ingested before this returns. Either
/// way the registry makes a new edition current only once it is indexed, so answers never have a gap.
/// One source's failure never stops the others.
/// </summary>
public sealed class SyncService(
    SourceFetcher fetcher,
    IngestService ingestion,
    IDocumentRegistry registry,
    ISyncSourceStore states,
    IOptions<MessagingOptions> messaging,
    TimeProvider clock,
    ILogger<SyncService> logger)
{
    private bool ToWorkers => messaging.Value.Transport == MessagingTransportKind.RabbitMq;

    /// <param name="sourceDone">Told each source's outcome as it is known (the CLI's progress lines).</param>
    public async Task<SyncReport> SyncAsync(IReadOnlyList<SyncSource> sources, Action<SyncSourceReport>? sourceDone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var reports = new List<SyncSourceReport>(sources.Count);
        foreach (var source in sources)
        {
            var report = await SyncOneAsync(source, cancellationToken);
            SyncLog.SourceDone(logger, report.Source, report.Status, report.Reason is null ? $" ({report.Detail})" : $": {report.Reason}");
            reports.Add(report);
            sourceDone?.Invoke(report);
        }
        return SyncReport.Of(reports);
    }

    private async Task<SyncSourceReport> SyncOneAsync(SyncSource source, CancellationToken cancellationToken)
    {
        var previous = await states.GetAsync(source.Source, cancellationToken);
        var checkedAt = clock.GetUtcNow();
        if (source.IsLocalFile)
        {
            return File.Exists(source.Location.LocalPath)
                ? await HandOverAsync(source, source.Location.LocalPath, previous, null, checkedAt, cancellationToken)
                : await FailAsync(source, previous, checkedAt, "No such file.", cancellationToken);
        }
        if (fetcher.Refusal(source.Location) is { } refusal)
        {
            return await FailAsync(source, previous, checkedAt, refusal, cancellationToken);
        }

        // A folder of its own, so the file keeps its name (the document's file name) and nothing else can collide.
        string folder = Directory.CreateTempSubdirectory("meditron-sync-").FullName;
        try
        {
            string target = Path.Combine(folder, SafeFileName(source.Manifest.File));
            var validators = await ValidatorsWorthSendingAsync(previous, cancellationToken);
            var fetched = await fetcher.FetchAsync(source.Location, validators?.ETag, validators?.LastModified, target, cancellationToken);
            switch (fetched.Outcome)
            {
                case FetchOutcome.NotModified when validators is null:
                    return await FailAsync(source, previous, checkedAt, "The server answered 304 Not Modified to a request that was not conditional.", cancellationToken);
                case FetchOutcome.NotModified:
                    await states.SaveAsync(previous! with { CheckedAt = checkedAt }, cancellationToken);
                    return new SyncSourceReport(source.Source, SyncSourceReport.UnchangedStatus, SyncSourceReport.NotModifiedDetail,
                        DocumentIntake.DocumentIdFor(validators.Sha256!), null);
                case FetchOutcome.Downloaded:
                    return await HandOverAsync(source, target, previous, fetched, checkedAt, cancellationToken);
                default:
                    return await FailAsync(source, previous, checkedAt, fetched.Reason!, cancellationToken);
            }
        }
        finally
        {
            TryDelete(folder);
        }
    }

    /// <summary>
    /// The saved validators, only while the content they stand for is known and not failed: otherwise a 304 would hide
    /// an edition that never made it into the index (a failed ingestion, a new data directory).
    /// </summary>
    private async Task<SyncSourceState?> ValidatorsWorthSendingAsync(SyncSourceState? previous, CancellationToken cancellationToken)
    {
        if (previous is not { Sha256: { } sha256 } || (previous.ETag is null && previous.LastModified is null))
        {
            return null;
        }
        var document = await registry.GetAsync(DocumentIntake.DocumentIdFor(sha256), cancellationToken);
        return document is null || document.Status == DocumentStatus.Failed ? null : previous;
    }

    /// <summary>Checks the file is a whole PDF, then ingests or queues it; saves the new validators once it is handed over.</summary>
    private async Task<SyncSourceReport> HandOverAsync(
        SyncSource source, string path, SyncSourceState? previous, FetchResult? fetched, DateTimeOffset checkedAt, CancellationToken cancellationToken)
    {
        PdfCheckResult check;
        try
        {
            check = PdfFileCheck.Check(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await FailAsync(source, previous, checkedAt, $"Cannot read the file: {e.Message}", cancellationToken);
        }
        if (!check.Accepted)
        {
            return await FailAsync(source, previous, checkedAt, check.Reason!, cancellationToken);
        }

        var ingested = ToWorkers
            ? await ingestion.EnqueueAsync(path, source.Manifest, new MetadataOverrides(), cancellationToken)
            : await ingestion.IngestAsync(path, source.Manifest, new MetadataOverrides(), progress: null, cancellationToken);
        if (ingested.Status == IngestFileReport.FailedStatus)
        {
            return await FailAsync(source, previous, checkedAt, ingested.Error ?? "Ingestion failed.", cancellationToken, ingested.DocumentId);
        }

        var document = await registry.GetAsync(ingested.DocumentId!, cancellationToken);
        await states.SaveAsync(new SyncSourceState
        {
            Source = source.Source,
            ETag = fetched?.ETag,
            LastModified = fetched?.LastModified,
            Sha256 = document?.Sha256,
            CheckedAt = checkedAt,
        }, cancellationToken);
        return ingested.Status == IngestFileReport.SkippedStatus
            ? new SyncSourceReport(source.Source, SyncSourceReport.UnchangedStatus, SyncSourceReport.SameContentDetail, ingested.DocumentId, null)
            : new SyncSourceReport(source.Source, SyncSourceReport.EnqueuedStatus,
                ingested.Status == IngestFileReport.QueuedStatus ? SyncSourceReport.QueuedDetail : SyncSourceReport.IndexedDetail,
                ingested.DocumentId, null);
    }

    /// <summary>Records the check, keeping the validators of the content last handed over.</summary>
    private async Task<SyncSourceReport> FailAsync(
        SyncSource source, SyncSourceState? previous, DateTimeOffset checkedAt, string reason, CancellationToken cancellationToken, string? documentId = null)
    {
        await states.SaveAsync((previous ?? new SyncSourceState { Source = source.Source }) with { CheckedAt = checkedAt }, cancellationToken);
        return SyncSourceReport.Failure(source.Source, reason, documentId);
    }

    private static string SafeFileName(string name)
    {
        string safe = string.Concat(Path.GetFileName(name).Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c)).Trim();
        return safe.Length == 0 || safe is "." or ".." ? "guideline.pdf" : safe;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp cleaner; the content is already in the content store.
        }
    }
}
