namespace Meditron.Benchmarks.Load;

/// <summary>One phase of the load: what the clients saw (latencies of the 2xx responses, errors) and what the server used.</summary>
internal sealed record LoadResult(
    string Endpoint,
    int Clients,
    double Seconds,
    IReadOnlyList<double> LatenciesMs,
    IReadOnlyList<string> Errors,
    double ServerCpuSeconds,
    long ServerPeakRssBytes,
    long ServerHighWaterMarkBytes)
{
    private readonly double[] _sorted = [.. LatenciesMs.Order()];

    public int Requests => LatenciesMs.Count;

    /// <summary>Completed 2xx requests per second of the phase (from its start until the last client's last response).</summary>
    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>Server CPU over the phase, in cores (2.0 = both cores of the dev machine all the time).</summary>
    public double ServerCores => ServerCpuSeconds / Seconds;

    public double ServerCpuMsPerRequest => Requests == 0 ? double.NaN : ServerCpuSeconds * 1000 / Requests;

    public double P50 => Percentile(0.50);

    public double P90 => Percentile(0.90);

    public double P99 => Percentile(0.99);

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    /// <summary>Nearest rank: the smallest latency with at least <paramref name="p"/> of the requests at or below it.</summary>
    public double Percentile(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
