using System.Diagnostics;

namespace Meditron.Benchmarks.Load;

/// <summary>
/// N clients, each looping request → response on one endpoint until the phase's time is up (a request in flight at
/// the deadline is finished and counted). Any non-2xx status or exception is an error.
/// </summary>
internal static class LoadPhase
{
    public static async Task<LoadResult> RunAsync(
        HttpClient http, ApiServerProcess server, string endpoint, int clients, TimeSpan duration, Func<HttpRequestMessage> request)
    {
        using var stopSampling = new CancellationTokenSource();
        var peakRss = ProcessMemory.StartSampling(server.Pid, TimeSpan.FromMilliseconds(100), stopSampling.Token);
        var cpuBefore = server.CpuTime;
        var watch = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => ClientAsync(http, duration, watch, request))));
        double seconds = watch.Elapsed.TotalSeconds;
        var cpu = server.CpuTime - cpuBefore;
        await stopSampling.CancelAsync();
        long peak = await peakRss;
        var errors = perClient.SelectMany(c => c.Errors).ToList();
        return new LoadResult(
            endpoint, clients, seconds,
            [.. perClient.SelectMany(c => c.Latencies)],
            errors,
            cpu.TotalSeconds, peak, ProcessMemory.Read(server.Pid).HighWaterMark);
    }

    private static async Task<(List<double> Latencies, List<string> Errors)> ClientAsync(
        HttpClient http, TimeSpan duration, Stopwatch phase, Func<HttpRequestMessage> request)
    {
        var latencies = new List<double>();
        var errors = new List<string>();
        while (phase.Elapsed < duration)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                using var message = request();
                // ResponseContentRead: the latency includes reading the whole body.
                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.IsSuccessStatusCode)
                {
                    latencies.Add(ms);
                }
                else
                {
                    string body = await response.Content.ReadAsStringAsync();
                    errors.Add($"{(int)response.StatusCode} after {ms:0} ms: {body[..Math.Min(body.Length, 300)]}");
                }
            }
#pragma warning disable CA1031 // every failure of a request is counted and reported, none stops the load
            catch (Exception e)
#pragma warning restore CA1031
            {
                errors.Add($"{e.GetType().Name} after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms: {e.Message}");
            }
        }
        return (latencies, errors);
    }
}
