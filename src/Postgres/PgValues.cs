using Meditron.Core.Documents;

namespace Meditron.Postgres;

/// <summary>How values are written to and read from PostgreSQL columns.</summary>
internal static class PgValues
{
    /// <summary>timestamptz takes UTC only (Npgsql refuses another offset); it keeps microseconds.</summary>
    public static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    public static object Utc(DateTimeOffset? value) => value is { } v ? v.ToUniversalTime() : DBNull.Value;

    public static DocumentStatus ParseStatus(string text) => text switch
    {
        "pending" => DocumentStatus.Pending,
        "queued" => DocumentStatus.Queued,
        "processing" => DocumentStatus.Processing,
        "indexed" => DocumentStatus.Indexed,
        "failed" => DocumentStatus.Failed,
        _ => throw new InvalidDataException($"Unknown document status '{text}' in PostgreSQL."),
    };
}
