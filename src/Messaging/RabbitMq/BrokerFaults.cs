using System.Net.Sockets;
using RabbitMQ.Client.Exceptions;

namespace Meditron.Messaging.RabbitMq;

/// <summary>Which failures mean "the broker is not there right now" (worth retrying) rather than a refusal.</summary>
internal static class BrokerFaults
{
    // AMQP reply codes of refusals that a retry cannot change.
    private const ushort AccessRefused = 403;
    private const ushort NotFound = 404;
    private const ushort PreconditionFailed = 406;
    private const ushort NotAllowed = 530;

    public static bool IsTransient(Exception exception) => exception switch
    {
        AuthenticationFailureException => false,
        BrokerUnreachableException unreachable => unreachable.InnerException is not AuthenticationFailureException,
        OperationInterruptedException interrupted => interrupted.ShutdownReason?.ReplyCode is not (AccessRefused or NotFound or PreconditionFailed or NotAllowed),
        // Nacked or returned by the broker (a queue deleted under us): declared again and sent again.
        PublishException => true,
        ConnectFailureException or ChannelAllocationException => true,
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };
}
