using Meditron.Messaging;
using Microsoft.Extensions.Configuration;

namespace Meditron.Cli.Hosting;

/// <summary>
/// Commands whose messages cross to other processes (`ingest --enqueue`, `worker`) need RabbitMQ: over the in-process
/// transport nothing outside this process would ever take them, so they stop at once and say what to configure.
/// </summary>
internal static class BrokerRequirement
{
    /// <param name="why">What needs the broker, as the start of the sentence ("A worker takes its messages from RabbitMQ").</param>
    /// <exception cref="InvalidOperationException">Messaging:Transport is not RabbitMq.</exception>
    public static void Require(IConfiguration configuration, string why)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!configuration.UsesRabbitMq())
        {
            throw new InvalidOperationException(
                $"{why}: set Messaging:Transport=RabbitMq and Messaging:RabbitMq:ConnectionString " +
                "(MEDITRON_Messaging__Transport, MEDITRON_Messaging__RabbitMq__ConnectionString).");
        }
    }
}
