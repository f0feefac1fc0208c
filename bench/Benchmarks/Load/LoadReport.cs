using System.Globalization;
using System.Text;

namespace Meditron.Benchmarks.Load;

/// <summary>The phases as markdown tables: one row per phase, then each endpoint's N clients against its 1-client baseline.</summary>
internal static class LoadReport
{
    private const double MiB = 1024 * 1024;

    public static string Phases(IEnumerable<LoadResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| endpoint | clients | seconds | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | server CPU (cores) | server CPU ms / request | server peak VmRSS MiB (phase) | server VmHWM MiB (since start) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine(Invariant(
                $"| {r.Endpoint} | {r.Clients} | {r.Seconds:0.0} | {r.Requests:N0} | {r.RequestsPerSecond:0.0} | {r.P50:0.0} | {r.P90:0.0} | {r.P99:0.0} | {r.Max:0.0} | {r.Errors.Count} | {r.ServerCores:0.00} | {r.ServerCpuMsPerRequest:0.0} | {r.ServerPeakRssBytes / MiB:0} | {r.ServerHighWaterMarkBytes / MiB:0} |"));
        }
        return text.ToString();
    }

    public static string Ratios(IEnumerable<(LoadResult Baseline, LoadResult Loaded)> pairs)
    {
        var text = new StringBuilder();
        text.AppendLine("| endpoint | req/s at 1 client | req/s at N clients | throughput ratio | p50 ratio | p99 ratio |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var (one, many) in pairs)
        {
            text.AppendLine(Invariant(
                $"| {many.Endpoint} | {one.RequestsPerSecond:0.0} | {many.RequestsPerSecond:0.0} ({many.Clients} clients) | **{many.RequestsPerSecond / one.RequestsPerSecond:0.00}** | {many.P50 / one.P50:0.0} | {many.P99 / one.P99:0.0} |"));
        }
        return text.ToString();
    }

    public static string Summary(LoadResult r) => Invariant(
        $"load: {r.Endpoint}, {r.Clients} client(s): {r.Requests} requests in {r.Seconds:0.0} s, {r.RequestsPerSecond:0.0} req/s, p50 {r.P50:0.0} ms, p99 {r.P99:0.0} ms, {r.Errors.Count} errors");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
