using System.Text.Json;

namespace Meditron.Messaging;

/// <summary>Reads a delivered body; a body that cannot be read never will be, so its message is dead-lettered.</summary>
internal static class MessageBody
{
    public static bool TryRead<T>(ReadOnlySpan<byte> body, string? messageType, out T message, out Exception? error)
    {
        message = default!;
        error = null;
        if (messageType is not null && messageType != MessageJson.TypeName<T>())
        {
            return false;
        }
        try
        {
            T? read = MessageJson.Deserialize<T>(body);
            if (read is null)
            {
                return false;
            }
            message = read;
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            error = e;
            return false;
        }
    }
}
