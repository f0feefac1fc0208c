using System.Globalization;

namespace Meditron.Benchmarks.Load;

/// <summary>
/// Resident memory of a process from /proc/PID/status: VmRSS (now) and VmHWM (the peak since the process started,
/// kept by the kernel). <see cref="StartSampling"/> also polls VmRSS to find the peak within one phase.
/// </summary>
internal static class ProcessMemory
{
    /// <summary>(VmRSS, VmHWM) in bytes.</summary>
    public static (long Rss, long HighWaterMark) Read(int pid)
    {
        long rss = 0, hwm = 0;
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line) * 1024;
            }
        }
        return (rss, hwm);
    }

    /// <summary>Samples VmRSS every <paramref name="interval"/> until the token is cancelled; the task's result is the peak.</summary>
    public static async Task<long> StartSampling(int pid, TimeSpan interval, CancellationToken stop)
    {
        long peak = Read(pid).Rss;
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                peak = Math.Max(peak, Read(pid).Rss);
            }
        }
        catch (OperationCanceledException)
        {
            // the phase ended
        }
        return Math.Max(peak, Read(pid).Rss);
    }

    // "VmRSS:	  123456 kB"
    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
}
