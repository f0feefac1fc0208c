using System.Globalization;
using System.Text.Json;

namespace Meditron.Api.Integrations.Dify;

/// <summary>
/// Dify's <c>metadata_condition</c> over a record's metadata: every comparison operator of Dify's contract on the
/// fields of <see cref="DifyRecordMetadata"/> (names as in the response, case-insensitive), joined by <c>and</c> or
/// <c>or</c>. Text comparisons ignore case; <c>=</c>, <c>≠</c>, <c>&gt;</c>, <c>&lt;</c>, <c>≥</c>, <c>≤</c> compare
/// numbers (page); <c>before</c> and <c>after</c> compare dates or years (edition). A field a comparison cannot read
/// (a number operator on a title) does not match. An unknown field or operator is a 400, not a silent no-match.
/// </summary>
public static class DifyMetadataFilter
{
    public static IReadOnlyList<string> Fields { get; } = ["file", "page", "pageLabel", "edition", "url", "title", "publisher", "section", "documentId"];

    public static IReadOnlyList<string> Operators { get; } =
    [
        "contains", "not contains", "start with", "end with", "is", "is not", "in", "not in", "empty", "not empty",
        "null", "not null", "=", "≠", "!=", ">", "<", "≥", ">=", "≤", "<=", "before", "after",
    ];

    /// <summary>The predicate of the condition (null: no condition, everything matches), or what is wrong with it.</summary>
    public static (Func<DifyRecordMetadata, bool>? Matches, string? Error) From(DifyMetadataCondition? condition)
    {
        if (condition?.Conditions is not { Count: > 0 } conditions)
        {
            return (null, null);
        }
        string logical = condition.LogicalOperator?.Trim().ToLowerInvariant() ?? "and";
        if (logical is not ("and" or "or"))
        {
            return (null, $"logical_operator is \"and\" or \"or\", not \"{condition.LogicalOperator}\".");
        }
        var tests = new List<Func<DifyRecordMetadata, bool>>();
        foreach (var c in conditions)
        {
            var names = Names(c.Name);
            if (names.Count == 0 || names.FirstOrDefault(n => !Fields.Contains(n, StringComparer.OrdinalIgnoreCase)) is { } unknown)
            {
                return (null, $"A condition names the field \"{string.Join(",", names)}\"; the fields are: {string.Join(", ", Fields)}.");
            }
            string op = c.ComparisonOperator?.Trim() ?? "";
            if (!Operators.Contains(op, StringComparer.OrdinalIgnoreCase))
            {
                return (null, $"Unknown comparison_operator \"{op}\"; one of: {string.Join(", ", Operators)}.");
            }
            var value = c.Value;
            tests.Add(metadata => names.Any(name => Compare(Field(metadata, name), op.ToLowerInvariant(), value)));
        }
        return logical == "and"
            ? (metadata => tests.All(test => test(metadata)), null)
            : (metadata => tests.Any(test => test(metadata)), null);
    }

    private static List<string> Names(JsonElement name) => name.ValueKind switch
    {
        JsonValueKind.String => [name.GetString()!],
        JsonValueKind.Array => name.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToList(),
        _ => [],
    };

    private static string? Field(DifyRecordMetadata m, string name) => name.ToLowerInvariant() switch
    {
        "file" => m.File,
        "page" => m.Page.ToString(CultureInfo.InvariantCulture),
        "pagelabel" => m.PageLabel,
        "edition" => m.Edition,
        "url" => m.Url,
        "title" => m.Title,
        "publisher" => m.Publisher,
        "section" => m.Section,
        _ => m.DocumentId,
    };

    private static bool Compare(string? field, string op, JsonElement value)
    {
        string text = Text(value);
        const StringComparison Ignore = StringComparison.OrdinalIgnoreCase;
        return op switch
        {
            "empty" or "null" => string.IsNullOrEmpty(field),
            "not empty" or "not null" => !string.IsNullOrEmpty(field),
            "contains" => field is not null && field.Contains(text, Ignore),
            "not contains" => field is null || !field.Contains(text, Ignore),
            "start with" => field is not null && field.StartsWith(text, Ignore),
            "end with" => field is not null && field.EndsWith(text, Ignore),
            "is" => string.Equals(field, text, Ignore),
            "is not" => !string.Equals(field, text, Ignore),
            "in" => List(value).Contains(field ?? "", StringComparer.OrdinalIgnoreCase),
            "not in" => !List(value).Contains(field ?? "", StringComparer.OrdinalIgnoreCase),
            "before" => Date(field) is { } d && Date(text) is { } limit && d < limit,
            "after" => Date(field) is { } d2 && Date(text) is { } limit2 && d2 > limit2,
            _ => Number(field) is { } n && Number(text) is { } v && op switch
            {
                "=" => n == v,
                "≠" or "!=" => n != v,
                ">" => n > v,
                "<" => n < v,
                "≥" or ">=" => n >= v,
                _ => n <= v, // ≤ or <=
            },
        };
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "",
    };

    /// <summary>The values of <c>in</c>: an array, or one string (Dify's UI sends comma-separated text).</summary>
    private static List<string> List(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Select(Text).ToList()
        : Text(value).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) ? n : null;

    /// <summary>A date (2025-08-13), a month (2025-08) or a year (2023): edition labels and Dify's date values.</summary>
    private static DateOnly? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        string t = text.Trim();
        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        if (DateOnly.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        return DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time) ? DateOnly.FromDateTime(time) : null;
    }
}
