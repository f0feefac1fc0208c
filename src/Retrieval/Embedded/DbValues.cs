using System.Globalization;
using Meditron.Core.Documents;

namespace Meditron.Retrieval.Embedded;

/// <summary>How values are written to and read from SQLite columns.</summary>
internal static class DbValues
{
    // ISO 8601 UTC with full tick precision: sorts as text, reads well, round-trips exactly.
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static object Timestamp(DateTimeOffset? value) => value is { } v ? Timestamp(v) : DBNull.Value;

    public static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.ParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static object Nullable(string? value) => value is null ? DBNull.Value : value;

    public static object Nullable(int? value) => value is { } v ? v : DBNull.Value;

    /// <summary>The status column, refined by the stage column while pending (queued, processing).</summary>
    public static DocumentStatus ParseStatus(string text, string? stage) => (text, stage) switch
    {
        ("pending", "queued") => DocumentStatus.Queued,
        ("pending", "processing") => DocumentStatus.Processing,
        ("pending", _) => DocumentStatus.Pending,
        ("indexed", _) => DocumentStatus.Indexed,
        ("failed", _) => DocumentStatus.Failed,
        _ => throw new InvalidDataException($"Unknown document status '{text}' in the embedded store."),
    };
}
