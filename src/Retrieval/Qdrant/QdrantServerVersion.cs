using System.Globalization;

namespace Meditron.Retrieval.Qdrant;

/// <summary>
/// The oldest Qdrant server the adapter works with, checked once per instance against the version the health call
/// reports: an older server would fail every write or search later with a less helpful error.
/// </summary>
/// <remarks>
/// 1.16 keeps collection metadata (where the embedding model of the vectors is recorded) and takes parameterised RRF;
/// before 1.13 even upserts of the point layout fail. Only major.minor.patch is compared; a suffix such as <c>-dev</c>
/// is ignored.
/// </remarks>
internal static class QdrantServerVersion
{
    public static Version Minimum { get; } = new(1, 16, 0);

    /// <summary>The reported version as major.minor.patch; null when it cannot be read.</summary>
    public static Version? Parse(string? reported)
    {
        if (string.IsNullOrWhiteSpace(reported))
        {
            return null;
        }
        var text = reported.Trim().TrimStart('v', 'V');
        int end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }
        var parts = text[..end].Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Length > 3)
        {
            return null;
        }
        var numbers = new int[3];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }
        return new Version(numbers[0], numbers[1], numbers[2]);
    }

    /// <exception cref="InvalidOperationException">The server is older than <see cref="Minimum"/>, or its version cannot be read.</exception>
    public static void Check(string? reported, string endpoint)
    {
        var version = Parse(reported);
        if (version is null)
        {
            throw new InvalidOperationException(
                $"The Qdrant server at {endpoint} reports version '{reported}', which cannot be read; Meditron needs Qdrant {Minimum} or later.");
        }
        if (version < Minimum)
        {
            throw new InvalidOperationException(
                $"The Qdrant server at {endpoint} is version {version}; Meditron needs Qdrant {Minimum} or later (the collection's embedding model record, hybrid search). Upgrade the server.");
        }
    }
}
