using System.Globalization;
using Meditron.Core.Feedback;
using Meditron.Core.Generation;

namespace Meditron.Cli.Output;

/// <summary>`meditron feedback export --csv`: a header row, then one row per rating, for a spreadsheet review.</summary>
internal static class FeedbackCsv
{
    public static IReadOnlyList<string> Columns { get; } =
        ["createdAt", "requestId", "helpful", "categories", "comment", "question", "answer", "engine", "model", "citations", "keyName"];

    public static void Write(TextWriter output, IEnumerable<FeedbackEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entries);
        output.Write(Csv.Record(Columns));
        foreach (var e in entries)
        {
            output.Write(Csv.Record(
            [
                e.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                e.RequestId,
                e.Helpful ? "yes" : "no",
                string.Join(';', e.Categories),
                SpreadsheetText(e.Comment),
                SpreadsheetText(e.Question),
                SpreadsheetText(e.Answer.Answer),
                e.Engine,
                e.Model,
                Citations(e.Answer.Citations),
                e.KeyName,
            ]));
        }
        output.Flush();
    }

    /// <summary>
    /// Free text a spreadsheet would read as a formula (=, +, -, @, a tab or CR first: a comment typed as
    /// "=HYPERLINK(...)" would run on the reviewer's machine) starts with an apostrophe, which spreadsheets show as
    /// text. The JSON export keeps the text exactly.
    /// </summary>
    public static string? SpreadsheetText(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>"[1] file.pdf p.12; [2] other.pdf p.14-15": where each citation of the rated answer points.</summary>
    public static string Citations(IEnumerable<Citation> citations) =>
        string.Join("; ", citations.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"[{c.N}] {c.File} p.{c.Page}{(c.PageEnd > c.Page ? $"-{c.PageEnd}" : "")}")));
}
