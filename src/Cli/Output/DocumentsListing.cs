using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Meditron.Cli.Output;

/// <summary>
/// How `meditron documents` shows the registry to a person: aligned columns with one document per
/// line when redirected; in a terminal, a few short lines per document that wrap at its width (nine
/// columns squeezed into 80 would wrap every cell instead).
/// </summary>
internal static class DocumentsListing
{
    private static readonly string[] Headers = ["guideline", "edition", "current", "status", "pages", "chunks", "publisher", "title", "file"];
    private static readonly HashSet<int> Numbers = [4, 5];

    /// <summary>One line per document; a failure's reason comes last, after the file, so the columns stay narrow.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<DocumentEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        bool anyReason = entries.Any(e => e.Reason is not null);
        string[] headers = anyReason ? [.. Headers, "reason"] : Headers;
        var rows = entries.Select(e =>
        {
            string[] cells =
            [
                e.Guideline,
                e.Edition,
                e.Current ? "yes" : "no",
                e.Status,
                e.Pages.ToString(CultureInfo.InvariantCulture),
                e.Chunks.ToString(CultureInfo.InvariantCulture),
                e.Publisher,
                e.Title,
                e.File,
            ];
            return (IReadOnlyList<string>)(anyReason ? [.. cells, e.Reason ?? ""] : cells);
        });
        return TextColumns.Format(headers, rows, Numbers);
    }

    /// <summary>Per document: guideline, edition and status; its title; publisher, counts and file; the reason of a failure.</summary>
    public static IRenderable Terminal(IReadOnlyList<DocumentEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rows = new List<IRenderable>();
        foreach (var e in entries)
        {
            string status = e.Status switch
            {
                "indexed" => "[green]indexed[/]",
                "failed" => "[red]failed[/]",
                _ => $"[yellow]{Markup.Escape(e.Status)}[/]",
            };
            string current = e.Current ? "  [green]current[/]" : "";
            rows.Add(new Markup($"[bold]{Markup.Escape(e.Guideline)}[/]  [grey]edition[/] {Markup.Escape(e.Edition)}  {status}{current}"));

            var details = new List<IRenderable>
            {
                new Markup(Markup.Escape(e.Title)),
                new Markup(string.Create(CultureInfo.InvariantCulture,
                    $"[grey]publisher[/] {Markup.Escape(Or(e.Publisher))}  {e.Pages} pages, {e.Chunks} chunks  [grey]file[/] {Markup.Escape(e.File)}")),
            };
            if (e.Reason is not null)
            {
                details.Add(new Markup($"[red]{Markup.Escape(e.Reason)}[/]"));
            }
            rows.Add(new Padder(new Rows(details), new Padding(2, 0, 0, 1)));
        }
        return new Rows(rows);
    }

    private static string Or(string value) => string.IsNullOrWhiteSpace(value) ? "-" : value;
}
