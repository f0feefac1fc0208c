using Meditron.Messaging.InProcess;
using Microsoft.Extensions.Logging;

namespace Meditron.Messaging.Tests.Contract;

/// <summary>The <see cref="TransportContract"/> on the in-process transport (always runs).</summary>
public sealed class InProcessTransportTests : TransportContract
{
    protected override string? SkipReason => null;

    protected override IMessageTransport CreateTransport(MessagingOptions options, ILogger<IMessageTransport> logger) => new InProcessTransport(options, logger);

    protected override MessagingOptions Options(int deliveryLimit) => new() { DeliveryLimit = deliveryLimit };

    protected override Task DeleteQueuesAsync(IReadOnlyList<string> queues) => Task.CompletedTask;

    protected override string FatalReason(string handlerReason) => handlerReason;
}
