using Meditron.Application.Ingesting;
using System.Globalization;

namespace Meditron.Cli.Output;

/// <summary>What `meditron ingest` prints on stdout for a person: the totals, then each failed file with its reason.</summary>
internal static class IngestSummaryText
{
    public static IEnumerable<string> Lines(IngestReport summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{summary.Documents} documents: {summary.Indexed} indexed, {summary.Skipped} skipped, {summary.Failed} failed{(summary.Queued > 0 ? $", {summary.Queued} queued" : "")}; {summary.Pages} pages, {summary.Chunks} chunks in {summary.Seconds:0.0} s");
        foreach (var failed in summary.Files.Where(f => f.Status == IngestFileReport.FailedStatus))
        {
            yield return $"failed: {failed.File}: {failed.Error ?? "no reason given"}";
        }
    }
}
