using System.Diagnostics.Metrics;
using Meditron.Messaging;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Observability;

/// <summary>
/// The gauge <c>meditron.queue.depth</c> (messages ready, per queue) and <c>meditron.queue.consumers</c>, sampled from
/// the broker every 5 s in the background: a scrape never waits on the broker. Registered with the RabbitMq transport only.
/// </summary>
public sealed partial class QueueDepthSampler : BackgroundService
{
    public const string MeterName = "Meditron.Api";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly IMessageTransport _transport;
    private readonly MessagingOptions _options;
    private readonly ILogger<QueueDepthSampler> _logger;
    private readonly Meter _meter = new(MeterName);
    private volatile IReadOnlyDictionary<string, QueueCounts> _last = new Dictionary<string, QueueCounts>();

    public QueueDepthSampler(IMessageTransport transport, IOptions<MessagingOptions> options, ILogger<QueueDepthSampler> logger)
    {
        _transport = transport;
        _options = options.Value;
        _logger = logger;
        _meter.CreateObservableGauge("meditron.queue.depth", () => Measure(c => c.Ready), "{message}", "Messages waiting in the queue");
        _meter.CreateObservableGauge("meditron.queue.consumers", () => Measure(c => c.Consumers), "{consumer}", "Workers consuming the queue");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            var counts = new Dictionary<string, QueueCounts>(StringComparer.Ordinal);
            foreach (var (name, queue) in new[] { (Queues.Ingest, _options.IngestQueue), (Queues.Generate, _options.GenerateQueue) })
            {
                try
                {
                    counts[name] = await _transport.CountAsync(queue, stoppingToken);
                }
                catch (MessagingException e)
                {
                    LogSampleFailed(queue, e.Message);
                }
            }
            _last = counts;
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return; // the host stops
            }
        }
    }

    private IEnumerable<Measurement<long>> Measure(Func<QueueCounts, long> value) =>
        _last.Select(kv => new Measurement<long>(value(kv.Value), new KeyValuePair<string, object?>("queue", kv.Key)));

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 8201, Level = LogLevel.Warning, Message = "Could not read the depth of queue {Queue}: {Error}")]
    private partial void LogSampleFailed(string queue, string error);
}
