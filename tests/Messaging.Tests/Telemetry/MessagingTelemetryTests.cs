using Meditron.Tests.Support;
using System.Diagnostics;
using Meditron.Core.Handlers;
using Meditron.Core.Messages;
using Meditron.Messaging.InProcess;
using Meditron.Messaging.Tests.Support;
using static Meditron.Messaging.Tests.Support.TestMessages;

namespace Meditron.Messaging.Tests.Telemetry;

/// <summary>Trace context across a queue and the message counters, on the in-process transport (no broker needed).</summary>
public sealed class MessagingTelemetryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly string _queue = "telemetry-" + Guid.NewGuid().ToString("N");

    private static InProcessTransport NewTransport() => new(new MessagingOptions { DeliveryLimit = 2 }, new RecordingLogger<IMessageTransport>());

    [Fact]
    public async Task The_consumer_span_is_a_child_of_the_publish_span_in_the_publishers_trace()
    {
        using var recorder = new SpanRecorder();
        await using var transport = NewTransport();
        var probe = new Probe<IngestDocument>(_ => HandlerResult.Success);
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(_queue, probe.HandleAsync, new ConsumeOptions(), CancellationToken.None);
        using var root = new Activity("ingest").SetIdFormat(ActivityIdFormat.W3C).Start();

        await transport.PublishAsync(_queue, Ingest(), null, CancellationToken.None);
        root.Stop();

        await Eventually.HoldsAsync(() => Task.FromResult(recorder.InTrace(root).Count == 2), Wait, "a publish and a process span in the trace");
        var spans = recorder.InTrace(root);
        var publish = Assert.Single(spans, s => s.Kind == ActivityKind.Producer);
        var process = Assert.Single(spans, s => s.Kind == ActivityKind.Consumer);
        Assert.Equal($"{_queue} publish", publish.DisplayName);
        Assert.Equal($"{_queue} process", process.DisplayName);
        Assert.Equal(root.SpanId, publish.ParentSpanId);
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal(probe.Deliveries[0].MessageId, process.GetTagItem("messaging.message.id"));
        Assert.Equal("success", process.GetTagItem("meditron.outcome"));
    }

    [Fact]
    public async Task Counters_count_published_handled_by_outcome_retries_and_dead_letters_by_cause()
    {
        using var metrics = new MetricRecorder();
        await using var transport = NewTransport();
        // Delivery limit 2. doc 1: success; doc 2: transient, then success; doc 3: fatal; doc 4: transient twice.
        var probe = new Probe<IngestDocument>(d => d.Message.DocumentId[^1] switch
        {
            '1' => HandlerResult.Success,
            '2' => d.Attempt == 1 ? HandlerResult.Transient("busy") : HandlerResult.Success,
            '3' => HandlerResult.Fatal("encrypted"),
            _ => HandlerResult.Transient("busy"),
        });
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(_queue, probe.HandleAsync, new ConsumeOptions(), CancellationToken.None);

        for (int n = 1; n <= 4; n++)
        {
            await transport.PublishAsync(_queue, Ingest(n), null, CancellationToken.None);
        }
        await transport.PublishAsync(_queue, new Question("not an IngestDocument"), null, CancellationToken.None);

        await Eventually.HoldsAsync(
            () => Task.FromResult(metrics.Sum("meditron.messaging.handled", _queue) == 6 && metrics.Sum("meditron.messaging.dead_letters", _queue) == 3),
            Wait, "six deliveries handled and three messages dead-lettered");
        Assert.Equal(3, (await transport.CountAsync(Queues.PoisonOf(_queue), CancellationToken.None)).Ready);
        Assert.Equal(5, metrics.Sum("meditron.messaging.published", _queue));
        Assert.Equal(2, metrics.Sum("meditron.messaging.handled", _queue, ("outcome", "success")));
        Assert.Equal(3, metrics.Sum("meditron.messaging.handled", _queue, ("outcome", "transient")));
        Assert.Equal(1, metrics.Sum("meditron.messaging.handled", _queue, ("outcome", "fatal")));
        Assert.Equal(2, metrics.Sum("meditron.messaging.retries", _queue));
        Assert.Equal(1, metrics.Sum("meditron.messaging.dead_letters", _queue, ("cause", "fatal")));
        Assert.Equal(1, metrics.Sum("meditron.messaging.dead_letters", _queue, ("cause", "delivery_limit")));
        Assert.Equal(1, metrics.Sum("meditron.messaging.dead_letters", _queue, ("cause", "unreadable")));
    }

    [Fact]
    public async Task Replies_are_counted_under_one_reply_tag_not_one_per_asker()
    {
        using var metrics = new MetricRecorder();
        await using var transport = NewTransport();
        await using var replies = await transport.CreateReplyQueueAsync<Answer>(CancellationToken.None);

        await transport.PublishAsync(replies.Name, new Answer("42"), null, CancellationToken.None);

        Assert.Equal("reply", MessagingTelemetry.QueueTag(replies.Name));
        Assert.True(metrics.Sum("meditron.messaging.published", "reply") >= 1);
        Assert.Equal(0, metrics.Sum("meditron.messaging.published", replies.Name));
    }
}
