using System.Text.RegularExpressions;
using Meditron.Core.Documents;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Forms and blank templates: rows of fields to fill in: blanks ("Name: ________"), numbered fields
/// ("Date onset of index case (10)"), tick boxes, labels with nothing after them ("Signature:"). A checklist of
/// practices answered yes or no ("Needles and syringes are used for only one patient. Yes No") states guidance and
/// is not taken for a form.
/// </summary>
internal sealed partial class FormRule : INonGuidanceRule
{
    public static FormRule Instance { get; } = new();

    private const int MinEntries = 4;

    private const double MinShare = 0.3;

    /// <summary>A page with this many rows of blanks is a form whatever else it holds.</summary>
    private const int BlankRows = 6;

    /// <summary>A page with this many short blocks that end in a field number is the header of a form's table ("Date outbreak began (9)").</summary>
    private const int NumberedCells = 5;

    /// <summary>A cell of a form's table header: a few words ending in a field number.</summary>
    private const int MaxCellWords = 15;

    private const int MinBlockEntries = 3;

    private const double BlockShare = 0.5;

    // A blank line to write on: underscores, or a run of dots that does not lead to a page number.
    [GeneratedRegex(@"_{3,}|(?:\.{6,}|…{3,})(?![.…\s]*\d{1,4}\s*$)", RegexOptions.CultureInvariant)]
    private static partial Regex Blank();

    // A field numbered as on a reporting form: a label, then "(n)" at the end or before the next label or number.
    [GeneratedRegex(@"(?<=[\p{L})]\s?)\(\d{1,2}\)(?=\s*$|\s+[\p{Lu}(])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedField();

    [GeneratedRegex(@"[\p{L})]\s?\(\d{1,2}\)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedCell();

    [GeneratedRegex(@"[☐□❏❑◻▢⬜]", RegexOptions.CultureInvariant)]
    private static partial Regex TickBox();

    // One or two words and a colon, nothing after: a label left empty ("Date:", "Signature:", "Case number:").
    [GeneratedRegex(@"^\p{L}[\p{L}'’/()-]*(?:\s+[\p{L}'’/()-]+)?\s*:$", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyLabel();

    // Labels left empty at the end of a row ("Name: Age: Sex:"), two or more.
    [GeneratedRegex(@"(?:\p{L}[\p{L}/()'’ -]{0,25}:\s*){2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyLabels();

    [GeneratedRegex(@"(?:^|\s)(?:form|formulaire|formulario|template|questionnaire|checklist|line\s+list|recording\s+sheet)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Title();

    public ChunkKind Kind => ChunkKind.Form;

    public bool IsEntry(string row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Blank().IsMatch(row) || NumberedField().IsMatch(row) || TickBox().IsMatch(row)
            || EmptyLabel().IsMatch(row) || EmptyLabels().IsMatch(row);
    }

    public bool IsTitle(string heading) => Title().IsMatch(RowFeatures.BareTitle(heading));

    public bool MatchesPage(PageRows page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (count, share) = RowFeatures.Entries(page.TextRows, IsEntry);
        return (count >= MinEntries && share >= MinShare)
            || page.Rows.Count(r => Blank().IsMatch(r)) >= BlankRows
            || page.Blocks.Count(IsNumberedCell) >= NumberedCells;
    }

    /// <summary>A few words that end in a field number: "Date onset of index case (10)", "Location (health centre) (5)".</summary>
    public static bool IsNumberedCell(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxCellWords && NumberedCell().IsMatch(text);
    }

    public bool MatchesBlock(IReadOnlyList<string> rows, bool titled)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var (count, share) = RowFeatures.Entries(rows.Where(RowFeatures.IsTextRow).ToList(), IsEntry);
        return count >= MinBlockEntries && share >= BlockShare;
    }
}
