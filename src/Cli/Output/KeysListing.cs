using System.Globalization;

namespace Meditron.Cli.Output;

/// <summary>`meditron keys list` for a person: one key per line, a header row first, `-` for a key never revoked.</summary>
internal static class KeysListing
{
    private static readonly string[] Headers = ["name", "prefix", "scopes", "created", "revoked"];

    public static IEnumerable<string> Lines(IReadOnlyList<KeyEntry> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return TextColumns.Format(Headers, keys.Select(k => (IReadOnlyList<string>)
        [
            k.Name,
            k.Prefix,
            string.Join(',', k.Scopes),
            Time(k.CreatedAt),
            k.RevokedAt is { } revoked ? Time(revoked) : "",
        ]));
    }

    private static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
