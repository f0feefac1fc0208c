using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Meditron.Messaging.Tests.Support;

/// <summary>One counter increment with its tags.</summary>
public sealed record Measurement(string Instrument, long Value, IReadOnlyDictionary<string, string?> Tags);

/// <summary>Listens to the messaging Meter and keeps every measurement (process-wide: filter by your own queue).</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly MeterListener _listener = new();

    public MetricRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MessagingTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value?.ToString();
            }
            _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
        });
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/> on <paramref name="queue"/>, where every tag of <paramref name="where"/> matches.</summary>
    public long Sum(string instrument, string queue, params (string Key, string Value)[] where) =>
        _measurements
            .Where(m => m.Instrument == instrument && m.Tags.GetValueOrDefault("queue") == queue)
            .Where(m => where.All(w => m.Tags.GetValueOrDefault(w.Key) == w.Value))
            .Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}
