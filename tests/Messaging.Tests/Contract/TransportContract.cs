using System.Diagnostics;
using Meditron.Core.Generation;
using Meditron.Core.Handlers;
using Meditron.Core.Messages;
using Meditron.Messaging.Tests.Support;
using Microsoft.Extensions.Logging;
using static Meditron.Messaging.Tests.Support.TestMessages;

namespace Meditron.Messaging.Tests.Contract;

/// <summary>
/// What every <see cref="IMessageTransport"/> promises about handler results, attempts, poison queues, replies and
/// stopping, run against each transport by a subclass (in process, RabbitMQ). Each test uses queues of its own,
/// deleted afterwards. A subclass whose backend is absent sets <see cref="SkipReason"/>: its tests are reported skipped.
/// </summary>
public abstract class TransportContract : IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly List<IMessageTransport> _transports = [];
    private readonly List<string> _queues = [];

    protected abstract string? SkipReason { get; }

    protected abstract IMessageTransport CreateTransport(MessagingOptions options, ILogger<IMessageTransport> logger);

    /// <summary>Options of the transport under test with this delivery limit.</summary>
    protected abstract MessagingOptions Options(int deliveryLimit);

    /// <summary>Removes the queues a test made (RabbitMQ: deletes them on the broker).</summary>
    protected abstract Task DeleteQueuesAsync(IReadOnlyList<string> queues);

    /// <summary>What the poison queue tells of a fatal error: the handler's reason in process, the broker's on RabbitMQ.</summary>
    protected abstract string FatalReason(string handlerReason);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync();
        }
        if (SkipReason is null && _queues.Count > 0)
        {
            await DeleteQueuesAsync(_queues);
        }
    }

    [SkippableFact]
    public async Task A_published_message_is_handled_once_and_acked()
    {
        var (transport, queue) = Start();
        var probe = new Probe<IngestDocument>(_ => HandlerResult.Success);
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(queue, probe.HandleAsync, new ConsumeOptions(), Ct);

        await transport.PublishAsync(queue, Ingest(1), null, Ct);

        await probe.WaitForAsync(1, Wait);
        await Task.Delay(500);
        var delivery = Assert.Single(probe.Deliveries);
        Assert.Equal(Ingest(1), delivery.Message);
        Assert.Equal(1, delivery.Attempt);
        Assert.False(string.IsNullOrEmpty(delivery.MessageId));
        Assert.Equal(0, (await transport.CountAsync(queue, Ct)).Ready);
        Assert.Equal(0, (await transport.CountAsync(Queues.PoisonOf(queue), Ct)).Ready);
    }

    [SkippableFact]
    public async Task A_message_published_before_any_consumer_waits_for_the_first_one()
    {
        // The API host enqueues an upload while its in-process ingestion worker may still be starting.
        var (transport, queue) = Start();
        await transport.PublishAsync(queue, Ingest(1), null, Ct);
        var probe = new Probe<IngestDocument>(_ => HandlerResult.Success);

        await using var consumer = await transport.ConsumeAsync<IngestDocument>(queue, probe.HandleAsync, new ConsumeOptions(), Ct);

        await probe.WaitForAsync(1, Wait);
        Assert.Equal((Ingest(1), 1), (Assert.Single(probe.Deliveries).Message, probe.Deliveries[0].Attempt));
    }

    [SkippableFact]
    public async Task A_transient_error_is_redelivered_with_a_higher_attempt_until_it_succeeds()
    {
        var (transport, queue) = Start(deliveryLimit: 5);
        var probe = new Probe<IngestDocument>(d => d.Attempt < 3 ? HandlerResult.Transient("store busy") : HandlerResult.Success);
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(queue, probe.HandleAsync, new ConsumeOptions(), Ct);

        await transport.PublishAsync(queue, Ingest(), null, Ct);

        await probe.WaitForAsync(3, Wait);
        await Task.Delay(500);
        Assert.Equal([1, 2, 3], probe.Deliveries.Select(d => d.Attempt));
        Assert.Single(probe.Deliveries.Select(d => d.MessageId).Distinct());
        Assert.Equal(0, (await transport.CountAsync(Queues.PoisonOf(queue), Ct)).Ready);
    }

    [SkippableFact]
    public async Task A_message_that_always_fails_transiently_goes_to_the_poison_queue_after_the_delivery_limit()
    {
        var (transport, queue) = Start(deliveryLimit: 3);
        var probe = new Probe<IngestDocument>(_ => HandlerResult.Transient("store busy"));
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(queue, probe.HandleAsync, new ConsumeOptions(), Ct);

        await transport.PublishAsync(queue, Ingest(7), null, Ct);

        await Eventually.HoldsAsync(async () => (await transport.CountAsync(Queues.PoisonOf(queue), Ct)).Ready == 1, Wait, "one message in the poison queue");
        await Task.Delay(1000);
        Assert.Equal([1, 2, 3], probe.Deliveries.Select(d => d.Attempt));
        Assert.Equal(0, (await transport.CountAsync(queue, Ct)).Ready);
        var poison = Assert.Single(await transport.PeekPoisonAsync(queue, 10, Ct));
        Assert.Equal(probe.Deliveries[0].MessageId, poison.MessageId);
        Assert.Equal(Ingest(7), poison.Read<IngestDocument>());
        Assert.Equal(typeof(IngestDocument).FullName, poison.MessageType);
    }

    [SkippableFact]
    public async Task A_fatal_error_sends_the_message_to_the_poison_queue_at_once()
    {
        var (transport, queue) = Start(deliveryLimit: 5);
        var probe = new Probe<IngestDocument>(_ => HandlerResult.Fatal("encrypted PDF"));
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(queue, probe.HandleAsync, new ConsumeOptions(), Ct);

        await transport.PublishAsync(queue, Ingest(), null, Ct);

        await Eventually.HoldsAsync(async () => (await transport.CountAsync(Queues.PoisonOf(queue), Ct)).Ready == 1, Wait, "one message in the poison queue");
        await Task.Delay(500);
        Assert.Single(probe.Deliveries);
        var poison = Assert.Single(await transport.PeekPoisonAsync(queue, 10, Ct));
        Assert.Equal(FatalReason("encrypted PDF"), poison.Reason);
        // Peeking leaves the message where it is.
        Assert.Single(await transport.PeekPoisonAsync(queue, 10, Ct));
    }

    [SkippableFact]
    public async Task A_handler_that_throws_is_treated_as_a_transient_error_and_logged()
    {
        var logger = new RecordingLogger<IMessageTransport>();
        var (transport, queue) = Start(deliveryLimit: 5, logger);
        var probe = new Probe<IngestDocument>(d => d.Attempt == 1 ? throw new InvalidOperationException("boom") : HandlerResult.Success);
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(queue, probe.HandleAsync, new ConsumeOptions(), Ct);

        await transport.PublishAsync(queue, Ingest(), null, Ct);

        await probe.WaitForAsync(2, Wait);
        await Task.Delay(500);
        Assert.Equal([1, 2], probe.Deliveries.Select(d => d.Attempt));
        var logged = Assert.Single(logger.Entries, e => e.EventId == 6005);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    [SkippableFact]
    public async Task A_message_that_cannot_be_read_as_the_handlers_type_goes_to_the_poison_queue()
    {
        var (transport, queue) = Start();
        var probe = new Probe<IngestDocument>(_ => HandlerResult.Success);
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(queue, probe.HandleAsync, new ConsumeOptions(), Ct);

        await transport.PublishAsync(queue, new Question("not an ingest request"), null, Ct);

        await Eventually.HoldsAsync(async () => (await transport.CountAsync(Queues.PoisonOf(queue), Ct)).Ready == 1, Wait, "one message in the poison queue");
        Assert.Empty(probe.Deliveries);
    }

    [SkippableFact]
    public async Task A_request_gets_its_replies_with_their_correlation_ids()
    {
        var (transport, queue) = Start();
        await using var worker = await transport.ConsumeAsync<Question>(queue, async (delivery, ct) =>
        {
            await transport.PublishAsync(delivery.Properties.ReplyTo!, new Answer("re: " + delivery.Message.Text),
                new MessageProperties { CorrelationId = delivery.Properties.CorrelationId }, ct);
            return HandlerResult.Success;
        }, new ConsumeOptions { Prefetch = 3 }, Ct);
        await using var replies = await transport.CreateReplyQueueAsync<Answer>(Ct);
        Assert.True(Queues.IsReplyQueue(replies.Name));

        foreach (int n in new[] { 1, 2, 3 })
        {
            await transport.PublishAsync(queue, new Question("q" + n), new MessageProperties { CorrelationId = "req-" + n, ReplyTo = replies.Name }, Ct);
        }

        using var timeout = new CancellationTokenSource(Wait);
        var received = new Dictionary<string, string>();
        await foreach (var reply in replies.ReadAllAsync(timeout.Token))
        {
            received[reply.CorrelationId!] = reply.Message.Text;
            if (received.Count == 3)
            {
                break;
            }
        }
        Assert.Equal(new Dictionary<string, string> { ["req-1"] = "re: q1", ["req-2"] = "re: q2", ["req-3"] = "re: q3" }, received);
    }

    [SkippableFact]
    public async Task Stopping_a_consumer_requeues_the_message_in_hand()
    {
        var (transport, queue) = Start();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool sawCancellation = false;
        var first = await transport.ConsumeAsync<IngestDocument>(queue, async (delivery, ct) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                sawCancellation = true;
                throw;
            }
            return HandlerResult.Success;
        }, new ConsumeOptions(), Ct);
        await transport.PublishAsync(queue, Ingest(3), null, Ct);
        await started.Task.WaitAsync(Wait);

        await first.DisposeAsync();

        Assert.True(sawCancellation);
        await Eventually.HoldsAsync(async () => (await transport.CountAsync(queue, Ct)).Ready == 1, Wait, "the message back in the queue");
        var probe = new Probe<IngestDocument>(_ => HandlerResult.Success);
        await using var second = await transport.ConsumeAsync<IngestDocument>(queue, probe.HandleAsync, new ConsumeOptions(), Ct);
        await probe.WaitForAsync(1, Wait);
        Assert.Equal(Ingest(3), probe.Deliveries[0].Message);
        Assert.True(probe.Deliveries[0].Attempt >= 2, $"attempt {probe.Deliveries[0].Attempt}");
        Assert.Equal(0, (await transport.CountAsync(Queues.PoisonOf(queue), Ct)).Ready);
    }

    [SkippableFact]
    public async Task A_handler_that_ignores_the_stop_is_left_behind_and_its_message_requeued()
    {
        var (transport, queue) = Start();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new CancellationTokenSource();
        var consumer = await transport.ConsumeAsync<IngestDocument>(queue, async (_, _) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return HandlerResult.Success;
        }, new ConsumeOptions { StopTimeoutSeconds = 1 }, Ct);
        await transport.PublishAsync(queue, Ingest(), null, Ct);
        await started.Task.WaitAsync(Wait);

        var stopwatch = Stopwatch.StartNew();
        await consumer.DisposeAsync();

        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 0.5, 10);
        await Eventually.HoldsAsync(async () => (await transport.CountAsync(queue, Ct)).Ready == 1, Wait, "the message back in the queue");
        await release.CancelAsync();
    }

    [SkippableFact]
    public async Task Cancelling_the_token_given_to_consume_stops_the_consumer()
    {
        var (transport, queue) = Start();
        using var stop = new CancellationTokenSource();
        var probe = new Probe<IngestDocument>(_ => HandlerResult.Success);
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(queue, probe.HandleAsync, new ConsumeOptions(), stop.Token);
        await transport.PublishAsync(queue, Ingest(1), null, Ct);
        await probe.WaitForAsync(1, Wait);

        await stop.CancelAsync();
        await Eventually.HoldsAsync(async () => (await transport.CountAsync(queue, Ct)).Consumers == 0, Wait, "no consumer left");
        await transport.PublishAsync(queue, Ingest(2), null, Ct);

        await Task.Delay(500);
        Assert.Single(probe.Deliveries);
        Assert.Equal(1, (await transport.CountAsync(queue, Ct)).Ready);
    }

    [SkippableFact]
    public async Task Prefetch_is_the_number_of_handlers_running_at_once()
    {
        var (transport, queue) = Start();
        int running = 0, most = 0;
        var probe = new Probe<IngestDocument>(async (_, ct) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(300, ct);
            Interlocked.Decrement(ref running);
            return HandlerResult.Success;
        });
        for (int n = 0; n < 12; n++)
        {
            await transport.PublishAsync(queue, Ingest(n), null, Ct);
        }

        await using var consumer = await transport.ConsumeAsync<IngestDocument>(queue, probe.HandleAsync, new ConsumeOptions { Prefetch = 4 }, Ct);

        await probe.WaitForAsync(12, Wait);
        Assert.Equal(4, Volatile.Read(ref most));
    }

    [SkippableFact]
    public async Task Counts_show_the_ready_messages_and_the_consumers()
    {
        var (transport, queue) = Start();
        Assert.Equal(new QueueCounts(0, 0), await transport.CountAsync(queue, Ct));
        for (int n = 0; n < 3; n++)
        {
            await transport.PublishAsync(queue, Ingest(n), null, Ct);
        }

        Assert.Equal(new QueueCounts(3, 0), await transport.CountAsync(queue, Ct));
        var gate = new TaskCompletionSource<HandlerResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(queue, (_, _) => gate.Task, new ConsumeOptions { Prefetch = 1 }, Ct);
        await Eventually.HoldsAsync(async () => await transport.CountAsync(queue, Ct) == new QueueCounts(2, 1), Wait, "2 ready (1 in flight), 1 consumer");
        gate.SetResult(HandlerResult.Success);
        await Eventually.HoldsAsync(async () => (await transport.CountAsync(queue, Ct)).Ready == 0, Wait, "all handled");
    }

    [SkippableFact]
    public async Task The_trace_context_of_the_publisher_reaches_the_handler()
    {
        var (transport, queue) = Start();
        var probe = new Probe<IngestDocument>(_ => HandlerResult.Success);
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(queue, probe.HandleAsync, new ConsumeOptions(), Ct);
        using var activity = new Activity("ask").SetIdFormat(ActivityIdFormat.W3C).Start();

        await transport.PublishAsync(queue, Ingest(), null, Ct);

        await probe.WaitForAsync(1, Wait);
        Assert.StartsWith($"00-{activity.TraceId}-", probe.Deliveries[0].TraceParent, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Logs_above_debug_never_hold_the_message_body()
    {
        const string secret = "patient-context-7f3a";
        var logger = new RecordingLogger<IMessageTransport>();
        var (transport, queue) = Start(deliveryLimit: 2, logger);
        var probe = new Probe<GenerateAnswer>(d => d.Attempt == 1 ? throw new InvalidOperationException("boom") : HandlerResult.Transient("model busy"));
        await using var consumer = await transport.ConsumeAsync<GenerateAnswer>(queue, probe.HandleAsync, new ConsumeOptions(), Ct);

        await transport.PublishAsync(queue, new GenerateAnswer("req-1", "What dose for " + secret + "?", [], new AnswerOptions()), null, Ct);
        await transport.PublishAsync(queue, new Question(secret), null, Ct);

        await Eventually.HoldsAsync(async () => (await transport.CountAsync(Queues.PoisonOf(queue), Ct)).Ready == 2, Wait, "both messages in the poison queue");
        var informative = logger.Entries.Where(e => e.Level > LogLevel.Debug).ToList();
        Assert.NotEmpty(informative);
        Assert.DoesNotContain(informative, e => e.Text.Contains(secret, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));
    }

    /// <summary>A transport for this test (disposed after it) and a queue name of its own.</summary>
    protected (IMessageTransport Transport, string Queue) Start(int deliveryLimit = 5, ILogger<IMessageTransport>? logger = null)
    {
        Skip.If(SkipReason is not null, SkipReason);
        var transport = CreateTransport(Options(deliveryLimit), logger ?? new RecordingLogger<IMessageTransport>());
        _transports.Add(transport);
        return (transport, NewQueue());
    }

    protected string NewQueue()
    {
        string queue = "test-" + Guid.NewGuid().ToString("N")[..12];
        _queues.Add(queue);
        return queue;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
