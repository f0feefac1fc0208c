using System.Collections.Concurrent;
using System.Diagnostics;
using Meditron.Core.Handlers;
using Meditron.Core.Messages;
using Meditron.Messaging.RabbitMq;
using Meditron.Messaging.Tests.Support;
using Xunit.Abstractions;
using static Meditron.Messaging.Tests.Support.TestMessages;

namespace Meditron.Messaging.Tests.RabbitMq;

/// <summary>What only a broker can do: lose its connection and come back. Each test stops and starts the broker.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class BrokerRestartTests(RabbitMqBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly string _queue = "test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<IMessageTransport> _transports = [];
    private readonly RecordingLogger<RabbitMqTransport> _log = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync();
        }
        if (broker.RestartSkipReason is null)
        {
            // Running again for the tests that come next, even when this one failed half-way.
            await broker.StartAsync();
            await broker.DeleteQueuesAsync([_queue, _queue + "-idle"]);
        }
    }

    [SkippableFact]
    public async Task Messages_survive_a_broker_restart_while_a_consumer_works_through_them()
    {
        const int total = 200;
        var transport = Transport(publishTimeoutSeconds: 120);
        for (int n = 0; n < total; n++)
        {
            await transport.PublishAsync(_queue, Ingest(n), null, Ct);
        }
        var handled = new ConcurrentQueue<(string DocumentId, int Attempt)>();
        // Held once 40 are handled, until the broker is down: however long the stop takes on a busy machine, it comes
        // while deliveries are in the handler and the rest still wait in the queue.
        var brokerDown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new Probe<IngestDocument>(async (delivery, ct) =>
        {
            if (handled.Count >= 40)
            {
                await brokerDown.Task;
            }
            await Task.Delay(200, CancellationToken.None); // 5 at a time, 25 a second

            handled.Enqueue((delivery.Message.DocumentId, delivery.Attempt));
            return HandlerResult.Success;
        });
        await using var consumer = await transport.ConsumeAsync<IngestDocument>(_queue, probe.HandleAsync, new ConsumeOptions { Prefetch = 5 }, Ct);

        await Eventually.HoldsAsync(() => Task.FromResult(handled.Count >= 40), TimeSpan.FromSeconds(60), "40 messages handled before the restart");
        var restart = Stopwatch.StartNew();
        int handledBeforeStop = handled.Count;
        await broker.StopAsync();
        int handledWhileDown = handled.Count;
        brokerDown.SetResult();
        await broker.StartAsync();
        double restartSeconds = restart.Elapsed.TotalSeconds;
        var back = Stopwatch.StartNew();
        await Eventually.HoldsAsync(() => Task.FromResult(handled.Select(h => h.DocumentId).Distinct().Count() == total), TimeSpan.FromSeconds(120),
            $"all {total} messages handled after the restart");
        await Task.Delay(1000);

        var deliveries = handled.ToList();
        var expected = Enumerable.Range(0, total).Select(n => Ingest(n).DocumentId).ToHashSet();
        Assert.True(expected.SetEquals(deliveries.Select(d => d.DocumentId)), "every message handled, and nothing else");
        var repeated = deliveries.GroupBy(d => d.DocumentId).Where(g => g.Count() > 1).ToList();
        // A message handled twice was in flight when the broker stopped: its later delivery is a redelivery.
        Assert.All(repeated, g => Assert.True(g.Skip(1).All(d => d.Attempt >= 2), $"{g.Key}: attempts {string.Join(",", g.Select(d => d.Attempt))}"));
        Assert.Equal(0, (await transport.CountAsync(_queue, Ct)).Ready);
        Assert.Equal(0, (await transport.CountAsync(Queues.PoisonOf(_queue), Ct)).Ready);
        output.WriteLine($"{total} messages, {deliveries.Count} deliveries, {repeated.Count} handled twice (redelivered after the restart); " +
            $"{handledBeforeStop} handled when the stop began, {handledWhileDown} when it was down; down and up again in {restartSeconds:F1} s; " +
            $"the rest handled {back.Elapsed.TotalSeconds:F1} s after it was back");
        output.WriteLine("log events above debug: " + string.Join(", ", _log.Entries.Where(e => e.Level > Microsoft.Extensions.Logging.LogLevel.Debug)
            .GroupBy(e => $"{e.EventId} {e.Level}").Select(g => $"{g.Key} x{g.Count()}")));
        Assert.True(handledWhileDown < total, "the broker stopped while messages were still waiting");
    }

    [SkippableFact]
    public async Task A_publish_while_the_broker_is_down_completes_once_it_is_back()
    {
        var transport = Transport(publishTimeoutSeconds: 90);
        await transport.PublishAsync(_queue, Ingest(1), null, Ct);
        var other = Transport(publishTimeoutSeconds: 90);
        var consumer = await other.ConsumeAsync<IngestDocument>(_queue + "-idle", (_, _) => Task.FromResult(HandlerResult.Success), new ConsumeOptions(), Ct);
        await broker.StopAsync();

        // Disposing a consumer and a transport while the broker is away does not wait for it.
        var disposing = Stopwatch.StartNew();
        await consumer.DisposeAsync();
        await other.DisposeAsync();
        output.WriteLine($"consumer and transport disposed in {disposing.Elapsed.TotalSeconds:F1} s while the broker was down");
        Assert.InRange(disposing.Elapsed.TotalSeconds, 0, 5);

        var stopwatch = Stopwatch.StartNew();
        var publish = transport.PublishAsync(_queue, Ingest(2), null, Ct);
        await Task.Delay(2000);
        Assert.False(publish.IsCompleted, "the publish waits for the broker");
        await broker.StartAsync();
        await publish.WaitAsync(TimeSpan.FromSeconds(60));

        output.WriteLine($"publish completed {stopwatch.Elapsed.TotalSeconds:F1} s after it started (the broker was down for most of it)");
        Assert.Equal(2, (await transport.CountAsync(_queue, Ct)).Ready);
    }

    [SkippableFact]
    public async Task A_publish_fails_with_an_error_naming_the_broker_and_queue_when_the_broker_stays_away()
    {
        var transport = Transport(publishTimeoutSeconds: 3);
        await broker.StopAsync();

        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<MessagingException>(() => transport.PublishAsync(_queue, Ingest(), null, Ct));

        output.WriteLine($"after {stopwatch.Elapsed.TotalSeconds:F1} s: {error.Message}");
        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 2.5, 15);
        var uri = new Uri(broker.ConnectionString);
        Assert.Contains($"{uri.Host}:{uri.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains(_queue, error.Message, StringComparison.Ordinal);
        Assert.Contains("Messaging:PublishTimeoutSeconds", error.Message, StringComparison.Ordinal);
        string password = uri.UserInfo.Split(':') is [_, var p] ? p : "";
        if (password.Length > 0)
        {
            Assert.DoesNotContain(uri.UserInfo, error.Message, StringComparison.Ordinal);
        }
    }

    private RabbitMqTransport Transport(int publishTimeoutSeconds)
    {
        Skip.If(broker.RestartSkipReason is not null, broker.RestartSkipReason);
        var transport = new RabbitMqTransport(broker.Options(publishTimeoutSeconds: publishTimeoutSeconds), _log);
        _transports.Add(transport);
        return transport;
    }
}
