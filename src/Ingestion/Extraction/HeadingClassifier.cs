using System.Text.RegularExpressions;

namespace Meditron.Ingestion.Extraction;

/// <summary>A block recognised as a heading: its text for the section path and its numbering depth (0 = unnumbered).</summary>
/// <param name="IsChapter">"Chapter 4 ..." (level 1); with <paramref name="Text"/> just the number when the title is on the next block.</param>
/// <param name="IsSideNote">A side note naming the clause beside it (<see cref="SideNotes"/>): one level below the headings open.</param>
internal readonly record struct HeadingCandidate(string Text, int NumberedLevel, double FontSize, bool IsChapter = false, bool IsSideNote = false);

/// <summary>Decides whether a text block is a heading, from its style relative to the body text and its numbering.</summary>
internal sealed partial class HeadingClassifier(double bodySize)
{
    private const int MaxHeadingLength = 120;
    private const int MaxBoldBodyHeadingLength = 80;
    private const int MaxPlainHeadingWords = 16;

    /// <summary>Type this many times the body size is display type: a chapter's title, whatever the case of its text layer.</summary>
    private const double DisplaySize = 2;

    [GeneratedRegex(@"^(\d{1,2}(?:\.\d{1,2}){0,5})\.?\s+(?=[\p{Lu}\p{Lt}])", RegexOptions.CultureInvariant)]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^(?:chapter|chapitre|cap[ií]tulo|part|partie|parte)\s+(\d{1,2}|[IVXL]{1,6})\b[.:\s–—-]*(.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Chapter();

    [GeneratedRegex(@"\.{3,}|…|\s\d{1,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex TocEntry();

    /// <summary>
    /// A numbered label that titles what follows ("Recommendation 6", "Annex 2", "Step 3"): it ends with a number like a
    /// contents entry, but the number is its own, not a page's.
    /// </summary>
    [GeneratedRegex(@"^(?:recommendation|recommandation|recomendaci[oó]n|" + DocumentDivisions.AnnexWords + @"|step|[eé]tape|paso|module|m[oó]dulo|unit|unit[eé]|unidad|stage|phase|fase)\s+\d{1,3}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberedLabel();

    /// <summary>A figure's caption ("Figure 7.1: Epidemic curve …"): what follows a figure is the section's text again.</summary>
    [GeneratedRegex(@"^(?:figure|fig\.|graph|graphique|gráfico|figura)\s*\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FigureCaption();

    /// <summary>
    /// A connective alone on its line ("OR" between two antibiotic regimens, "AND" before the drug given with it): it
    /// joins the options of one instruction and never titles a section, however bold.
    /// </summary>
    [GeneratedRegex(@"^(?:and|or|and/or|plus|then|et|ou|puis|y|o|luego)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Connective();

    /// <summary>
    /// A cell of a GRADE summary-of-findings table, set bold: a certainty rating after its footnote number ("15 High",
    /// "6 Very low"), the reason it was rated down ("1.5 Due to serious"), an effect ("2.41 fewer per", "MD 0.19 higher").
    /// The malaria guidelines' evidence profiles filed their rows under such cells.
    /// </summary>
    [GeneratedRegex(@"^(?:(?:\d{1,3}(?:\.\d)?\s+)?(?:high|moderate|low|very\s+low)|(?:\d{1,3}(?:\.\d)?\s+)?due\s+to\s+(?:very\s+)?serious|(?:S?MD\s+)?\d[\d.,]*\s+(?:fewer|more|higher|lower)\b.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GradeCell();

    public double BodySize { get; } = bodySize;

    public HeadingCandidate? Classify(IReadOnlyList<LayoutLine> lines, string text)
    {
        if (lines.Count > 3 || text.Length < 2 || text.Length > MaxHeadingLength || text.EndsWith('.') || text.EndsWith(',') || (TocEntry().IsMatch(text) && !NumberedLabel().IsMatch(text))
            || FigureCaption().IsMatch(text) || Connective().IsMatch(text) || GradeCell().IsMatch(text))
        {
            return null;
        }

        if (Chapter().Match(text) is { Success: true } early && early.Groups[2].Value.Length == 0 && (lines.All(l => l.Bold) || lines[0].FontSize >= BodySize * 1.15))
        {
            return new HeadingCandidate(early.Groups[1].Value, 1, lines[0].FontSize, true);
        }

        var size = lines.Sum(l => l.FontSize * l.Text.Length) / Math.Max(1, lines.Sum(l => l.Text.Length));
        var first = text[0];
        // A title in display type may begin in lower case: a small-caps font whose text layer holds the small letters.
        var opensAsTitle = char.IsUpper(first) || char.IsDigit(first) || (char.IsLetter(first) && size >= BodySize * DisplaySize);
        if (!opensAsTitle || text.Count(char.IsLetter) * 2 < text.Length)
        {
            return null;
        }

        var larger = size >= BodySize * 1.15;
        // A bold line of body size is a heading when short, or when it carries a section number ("5.2.1 Identify …").
        var bold = lines.All(l => l.Bold) && size >= BodySize * 0.9 && (text.Length <= MaxBoldBodyHeadingLength || IsSubsectionNumbered(text));
        if (!larger && !bold && !IsPlainSubsectionHeading(lines, text, size))
        {
            return null;
        }

        var chapter = Chapter().Match(text);
        if (chapter.Success)
        {
            var title = chapter.Groups[2].Value.Trim();
            return new HeadingCandidate(title.Length > 0 ? $"{chapter.Groups[1].Value} {title}" : chapter.Groups[1].Value, 1, size, true);
        }

        var numbered = Numbered().Match(text);
        if (numbered.Success)
        {
            var parts = numbered.Groups[1].Value.Split('.');
            return parts[0] == "0" ? null : new HeadingCandidate(text, parts.Length, size);
        }

        return new HeadingCandidate(text, 0, size);
    }

    /// <summary>
    /// A subsection number and a short title alone in their block, in body type ("5.2 Establish a district, regional and
    /// national public health emergency management committee (PHEMC)"), or a section number and a title in capitals
    /// ("6. ANTI-INFECTIVE MEDICINES"): set apart by space, numbering and case, not by type. A numbered sentence of a
    /// regulation or a list ends with a stop, a comma (both ruled out before), a colon or a semicolon and is not one.
    /// </summary>
    private bool IsPlainSubsectionHeading(IReadOnlyList<LayoutLine> lines, string text, double size) =>
        lines.Count <= 2 && size >= BodySize * 0.95 && (IsSubsectionNumbered(text) || IsNumberedCapitalsTitle(text))
        && !text.EndsWith(':') && !text.EndsWith(';')
        && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxPlainHeadingWords;

    /// <summary>"6. ANTI-INFECTIVE MEDICINES": a number with its stop, then words in capitals only ("5 YEARS", an age, has no stop).</summary>
    private static bool IsNumberedCapitalsTitle(string text) =>
        NumberedCapitals().IsMatch(text) && text.Count(char.IsLetter) >= MinCapitalsTitleLetters && !text.Any(char.IsLower);

    private const int MinCapitalsTitleLetters = 3;

    [GeneratedRegex(@"^\d{1,2}\.\s+\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedCapitals();

    private static bool IsSubsectionNumbered(string text) => Numbered().Match(text) is { Success: true } m && m.Groups[1].Value.Contains('.', StringComparison.Ordinal);
}
