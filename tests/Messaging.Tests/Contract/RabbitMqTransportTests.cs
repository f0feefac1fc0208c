using Meditron.Messaging.RabbitMq;
using Meditron.Messaging.Tests.RabbitMq;
using Microsoft.Extensions.Logging;

namespace Meditron.Messaging.Tests.Contract;

/// <summary>The <see cref="TransportContract"/> on a real RabbitMQ broker (<see cref="RabbitMqBroker"/>).</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqTransportTests(RabbitMqBroker broker) : TransportContract
{
    protected override string? SkipReason => RabbitMqBroker.SkipReason;

    protected override IMessageTransport CreateTransport(MessagingOptions options, ILogger<IMessageTransport> logger) => new RabbitMqTransport(options, logger);

    protected override MessagingOptions Options(int deliveryLimit) => broker.Options(deliveryLimit);

    protected override Task DeleteQueuesAsync(IReadOnlyList<string> queues) => broker.DeleteQueuesAsync(queues);

    /// <summary>A nack without requeue: the broker's x-death reason.</summary>
    protected override string FatalReason(string handlerReason) => "rejected";
}
