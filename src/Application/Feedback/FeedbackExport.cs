using System.Text.Json;
using Meditron.Core.Feedback;

namespace Meditron.Application.Feedback;

/// <summary>
/// What `meditron feedback export --json` prints: every matching entry and their count. `eval answers --feedback FILE`
/// reads it back.
/// </summary>
public sealed record FeedbackExport(IReadOnlyList<FeedbackEntry> Items, int Total)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="FormatException">The file is not a feedback export.</exception>
    public static FeedbackExport ReadFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<FeedbackExport>(stream, Json) is { Items: not null } export
                ? export
                : throw new FormatException($"{path} is not a feedback export (`meditron feedback export --json`).");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not a feedback export (`meditron feedback export --json`): {e.Message}", e);
        }
    }
}
