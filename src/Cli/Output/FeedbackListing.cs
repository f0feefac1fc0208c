using System.Globalization;
using Meditron.Core.Feedback;

namespace Meditron.Cli.Output;

/// <summary>`meditron feedback export` for a person: one short line per rating (the CSV and JSON hold every field).</summary>
internal static class FeedbackListing
{
    private const int TextWidth = 60;
    private static readonly string[] Headers = ["created", "helpful", "categories", "engine", "key", "request", "question", "comment"];

    public static IEnumerable<string> Lines(IReadOnlyList<FeedbackEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rows = entries.Select(e => (IReadOnlyList<string>)
        [
            e.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            e.Helpful ? "yes" : "no",
            string.Join(',', e.Categories),
            e.Engine,
            e.KeyName ?? "",
            e.RequestId,
            Shortened(e.Question),
            Shortened(e.Comment),
        ]);
        return TextColumns.Format(Headers, rows);
    }

    private static string Shortened(string? text)
    {
        string line = (text ?? "").ReplaceLineEndings(" ").Trim();
        return line.Length <= TextWidth ? line : line[..(TextWidth - 1)] + "…";
    }
}
