using System.Globalization;
using Meditron.Application.Syncing;

namespace Meditron.Cli.Output;

/// <summary>What `meditron sync` prints for a person: a line per source (stderr, as it goes), then the totals and failures (stdout).</summary>
internal static class SyncSummaryText
{
    public static IEnumerable<string> Lines(SyncReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{report.Checked} sources checked: {report.Unchanged} unchanged, {report.Enqueued} enqueued, {report.Failed.Count} failed");
        foreach (var failed in report.Failed)
        {
            yield return $"failed: {failed.Source}: {failed.Reason}";
        }
    }

    /// <summary>"https://…/malaria.pdf: enqueued (indexed, doc_…)" or "…: failed: HTTP 404 Not Found".</summary>
    public static string Line(SyncSourceReport source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Status == SyncSourceReport.FailedStatus
            ? $"{source.Source}: failed: {source.Reason}"
            : $"{source.Source}: {source.Status} ({source.Detail}{(source.DocumentId is null ? "" : ", " + source.DocumentId)})";
    }
}
