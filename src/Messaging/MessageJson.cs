using System.Text.Json;

namespace Meditron.Messaging;

/// <summary>Message bodies: System.Text.Json with web defaults (camelCase names), the same on both transports.</summary>
internal static class MessageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, Options);

    public static T? Deserialize<T>(ReadOnlySpan<byte> body) => JsonSerializer.Deserialize<T>(body, Options);

    /// <summary>The name written in the <see cref="MessageHeaders.Type"/> header.</summary>
    public static string TypeName<T>() => typeof(T).FullName ?? typeof(T).Name;
}
