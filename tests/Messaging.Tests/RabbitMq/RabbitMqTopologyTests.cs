using Meditron.Messaging.RabbitMq;
using Meditron.Messaging.Tests.Support;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using static Meditron.Messaging.Tests.Support.TestMessages;

namespace Meditron.Messaging.Tests.RabbitMq;

/// <summary>What the transport declares on the broker.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqTopologyTests(RabbitMqBroker broker) : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly string _queue = "test-" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => RabbitMqBroker.SkipReason is null ? broker.DeleteQueuesAsync([_queue]) : Task.CompletedTask;

    [SkippableFact]
    public async Task A_work_queue_is_a_durable_quorum_queue_with_a_durable_poison_queue()
    {
        Skip.If(RabbitMqBroker.SkipReason is not null, RabbitMqBroker.SkipReason);
        await using (var transport = new RabbitMqTransport(broker.Options(deliveryLimit: 5), new RecordingLogger<RabbitMqTransport>()))
        {
            await transport.PublishAsync(_queue, Ingest(), null, Ct);
        }

        var factory = new ConnectionFactory { Uri = new Uri(broker.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        // Declaring again with the same arguments is accepted; with a classic queue type it is refused: it is a quorum queue.
        await using (var same = await connection.CreateChannelAsync())
        {
            await same.QueueDeclareAsync(_queue, durable: true, exclusive: false, autoDelete: false, RabbitMqTopology.WorkQueueArguments(_queue, 5));
            await same.QueueDeclareAsync(Queues.PoisonOf(_queue), durable: true, exclusive: false, autoDelete: false,
                new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        }
        await using var classic = await connection.CreateChannelAsync();
        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() =>
            classic.QueueDeclareAsync(_queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "classic" }));
        Assert.Equal((ushort)406, refused.ShutdownReason?.ReplyCode);
    }

    [SkippableFact]
    public async Task A_queue_declared_with_another_delivery_limit_is_refused_with_a_clear_error()
    {
        Skip.If(RabbitMqBroker.SkipReason is not null, RabbitMqBroker.SkipReason);
        await using var first = new RabbitMqTransport(broker.Options(deliveryLimit: 5), new RecordingLogger<RabbitMqTransport>());
        await first.PublishAsync(_queue, Ingest(), null, Ct);
        await using var second = new RabbitMqTransport(broker.Options(deliveryLimit: 3), new RecordingLogger<RabbitMqTransport>());

        var error = await Assert.ThrowsAsync<MessagingException>(() => second.PublishAsync(_queue, Ingest(), null, Ct));

        Assert.Contains(_queue, error.Message, StringComparison.Ordinal);
        Assert.Contains("x-delivery-limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await first.CountAsync(_queue, Ct)).Ready);
    }
}
