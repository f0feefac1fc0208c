namespace Meditron.Cli.Output;

/// <summary>
/// RFC 4180 CSV: fields separated by commas, records ended by CRLF; a field with a comma, a double quote, CR or LF is
/// enclosed in double quotes, its double quotes doubled. Nothing else is changed (no trimming), so a reader gets back
/// exactly what was written.
/// </summary>
internal static class Csv
{
    public const string RecordEnd = "\r\n";

    public static string Field(string? value)
    {
        string text = value ?? "";
        return text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>One record, with its CRLF.</summary>
    public static string Record(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + RecordEnd;
}
