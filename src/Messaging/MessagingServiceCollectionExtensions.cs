using Meditron.Messaging.InProcess;
using Meditron.Messaging.RabbitMq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Whether configuration chooses the RabbitMq transport (the distributed shape), read before the host is built, so
    /// that each project registers its broker-only or in-process-only parts from the same answer.
    /// </summary>
    public static bool UsesRabbitMq(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>()?.Transport == MessagingTransportKind.RabbitMq;
    }

    /// <summary>
    /// Binds <see cref="MessagingOptions"/> from the <c>Messaging</c> section, validated when the host starts, and
    /// registers the chosen <see cref="IMessageTransport"/> as a singleton (in process unless Messaging:Transport says RabbitMq).
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessagingOptions>()
            .Bind(configuration.GetSection(MessagingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IMessageTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MessagingOptions>>().Value;
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            return options.Transport == MessagingTransportKind.RabbitMq
                ? new RabbitMqTransport(options, loggers.CreateLogger<RabbitMqTransport>())
                : new InProcessTransport(options, loggers.CreateLogger<InProcessTransport>());
        });
        return services;
    }
}
