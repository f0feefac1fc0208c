using System.Text.RegularExpressions;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Annexes and appendices: divisions of the document beside its chapters, never inside the section that happens to be
/// open above them. "Annex 7B: Sample district outbreak report" after "7.4.3.3 Periodic testing of the risk
/// communication plan" is not part of that subsection, and "APPENDIX A: INFECTION PREVENTION CHECKLIST" set smaller
/// than the "REFERENCES" title before it is not a reference. An annex's own parts nest under it ("Annex 4.2" under
/// "Annex 4"), and every annex under the part title that holds them ("Annexes"), where there is one.
/// </summary>
internal static partial class DocumentDivisions
{
    /// <summary>The words that name an annex or appendix (English, French, Spanish), as a regular-expression alternation.</summary>
    public const string AnnexWords = "annex|annexe|annexure|appendix|anexo|ap[eé]ndice";

    /// <summary>"Annex 4F:", "APPENDIX A:", "Annexe B", "Anexo 2", "Annex 7 F", "Annex 4.2 Safety of …", "Annex 7B.1": the label case-sensitive, so "Annex to the …" is no label.</summary>
    [GeneratedRegex(@"^(?i:" + AnnexWords + @")\s+(?<label>[0-9]+(?:\.[0-9]+)*(?:\s?[A-Z](?![\p{L}]))?(?:\.[0-9]+)*|[A-Z]{1,4}(?![\p{L}]))(?=$|[\s:.,–—-])", RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();

    /// <summary>The title of the part that holds the annexes ("Annexes", "Appendices", "Anexos").</summary>
    [GeneratedRegex(@"^(?:annexes|annexures|appendices|appendixes|anexos|ap[eé]ndices)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartTitle();

    /// <summary>The annex's label ("4F", "A", "4.2"), spaces removed and upper case; null when the heading opens none.</summary>
    public static string? Label(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var match = Labelled().Match(heading.Trim());
        return match.Success ? match.Groups["label"].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() : null;
    }

    /// <summary>Whether the heading titles the part that holds the annexes.</summary>
    public static bool IsPartTitle(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        return PartTitle().IsMatch(heading.Trim().TrimEnd(':'));
    }

    /// <summary>Whether the annex <paramref name="label"/> is a part of the annex <paramref name="parent"/> ("4.2" of "4").</summary>
    public static bool IsPartOf(string label, string parent)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(parent);
        return label.StartsWith(parent + ".", StringComparison.Ordinal);
    }
}
