namespace Meditron.Messaging.RabbitMq;

/// <summary>Where the broker is, for errors and logs: host, port and virtual host, never the user or password.</summary>
internal sealed record BrokerAddress(string Host, int Port, string VirtualHost)
{
    public static BrokerAddress From(Uri uri)
    {
        int port = uri.Port > 0 ? uri.Port : uri.Scheme == "amqps" ? 5671 : 5672;
        string vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new BrokerAddress(uri.Host, port, vhost.Length == 0 ? "/" : vhost);
    }

    public override string ToString() => VirtualHost == "/" ? $"{Host}:{Port}" : $"{Host}:{Port} (virtual host {VirtualHost})";
}
