using Meditron.Messaging.InProcess;
using Meditron.Messaging.RabbitMq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Meditron.Messaging.Tests;

/// <summary>AddMessaging as a host uses it: the section, the choice of transport, the checks at start.</summary>
public sealed class MessagingOptionsTests
{
    [Fact]
    public async Task The_in_process_transport_is_the_default()
    {
        await using var services = Services([]);

        Validate(services);
        Assert.IsType<InProcessTransport>(services.GetRequiredService<IMessageTransport>());
        Assert.Equal(5, services.GetRequiredService<IOptions<MessagingOptions>>().Value.DeliveryLimit);
        Assert.Equal(30, services.GetRequiredService<IOptions<MessagingOptions>>().Value.PublishTimeoutSeconds);
    }

    [Fact]
    public async Task RabbitMq_with_a_connection_string_gets_the_RabbitMQ_transport_without_connecting_yet()
    {
        await using var services = Services(new()
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:ConnectionString"] = "amqp://user:pw@127.0.0.1:1/",
            ["Messaging:DeliveryLimit"] = "3",
        });

        Validate(services);
        Assert.IsType<RabbitMqTransport>(services.GetRequiredService<IMessageTransport>());
        Assert.Equal(3, services.GetRequiredService<IOptions<MessagingOptions>>().Value.DeliveryLimit);
    }

    [Fact]
    public async Task RabbitMq_without_a_connection_string_fails_at_start_naming_the_setting()
    {
        await using var services = Services(new() { ["Messaging:Transport"] = "RabbitMq" });

        var error = Assert.Throws<OptionsValidationException>(() => Validate(services));
        Assert.Contains("Messaging:RabbitMq:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://user:s3cret@host:5672/")]
    [InlineData("user:s3cret@host")]
    [InlineData("amqp:///vhost")]
    public async Task A_connection_string_that_is_not_an_amqp_uri_fails_at_start_without_showing_it(string value)
    {
        await using var services = Services(new() { ["Messaging:Transport"] = "RabbitMq", ["Messaging:RabbitMq:ConnectionString"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => Validate(services));
        Assert.Contains("Messaging:RabbitMq:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Messaging:DeliveryLimit", "0")]
    [InlineData("Messaging:PublishTimeoutSeconds", "0")]
    public async Task Limits_out_of_range_fail_at_start(string key, string value)
    {
        await using var services = Services(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => Validate(services));
        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_broker_address_shows_host_and_port_never_the_password()
    {
        var address = BrokerAddress.From(new Uri("amqp://meditron:s3cret@rabbit.example:5673/prod"));

        Assert.Equal("rabbit.example:5673 (virtual host prod)", address.ToString());
        Assert.Equal("rabbit.example:5672", BrokerAddress.From(new Uri("amqp://rabbit.example")).ToString());
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMessaging(configuration).BuildServiceProvider();
    }

    /// <summary>What the host does at start (ValidateOnStart).</summary>
    private static void Validate(IServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();
}
