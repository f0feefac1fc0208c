using System.Globalization;
using System.Text;
using RabbitMQ.Client;

namespace Meditron.Messaging.RabbitMq;

/// <summary>Reads what RabbitMQ.Client hands over in headers (strings arrive as UTF-8 bytes).</summary>
internal static class RabbitMqHeaders
{
    /// <summary>The quorum queue's count of earlier deliveries of this message.</summary>
    public const string DeliveryCount = "x-delivery-count";

    public static string? String(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) ? AsString(value) : null;

    /// <summary>1 for a first delivery: the broker's delivery count plus one, else 2 when flagged as a redelivery.</summary>
    public static int Attempt(IReadOnlyBasicProperties properties, bool redelivered)
    {
        if (properties.Headers is { } headers && headers.TryGetValue(DeliveryCount, out var value) && value is IConvertible number)
        {
            long count = number.ToInt64(CultureInfo.InvariantCulture);
            return (int)Math.Clamp(count + 1, 1, int.MaxValue);
        }
        return redelivered ? 2 : 1;
    }

    /// <summary>The broker's reason for the latest dead-lettering (<c>rejected</c>, <c>delivery_limit</c>) from <c>x-death</c>.</summary>
    public static string? DeathReason(IDictionary<string, object?>? headers)
    {
        if (headers is not null && headers.TryGetValue("x-death", out var deaths) && deaths is IList<object> { Count: > 0 } list
            && list[0] is IDictionary<string, object?> latest && latest.TryGetValue("reason", out var reason))
        {
            return AsString(reason);
        }
        return null;
    }

    private static string? AsString(object? value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        null => null,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
