using System.Text.RegularExpressions;
using Meditron.Core.Documents;

namespace Meditron.Retrieval;

/// <summary>
/// The guidelines a question names ("under IMCI", "our Solomon Islands manual", "the IFRC volunteer tape"): a word of a
/// current document's title or publisher that the question writes as a name (an acronym in capitals, or a capitalised
/// word that does not open a sentence), that few documents share (WHO is on half a library's titles and names none of
/// them) and that only one publisher's documents carry ("Ministry of Health" names no ministry's manual). Remarks in
/// brackets ("(with US CDC)", "(Global Malaria Programme)") are not part of the name. The name must be written as the
/// title writes it: "imci" or "essential medicines" in lower case name nothing.
/// </summary>
public static partial class GuidelineNames
{
    /// <summary>A word names its documents when at most this share of the library's documents carry it.</summary>
    public const double MostDocumentsShare = 0.25;

    public static IReadOnlySet<string> NamedIn(string question, IEnumerable<DocumentRecord> documents)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(documents);
        var asked = QuestionNameWords(question);
        if (asked.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
        var current = documents.Where(d => d.Status == DocumentStatus.Indexed && d.Current)
            .Select(d => (d.DocumentId, d.Metadata.Publisher, Words: TitleNameWords(d.Metadata.Title + " " + d.Metadata.Publisher)))
            .ToList();
        var most = Math.Max(1, (int)(current.Count * MostDocumentsShare));
        // A name points to one publisher's documents: "Ministry" or "Health", on two ministries' titles, names neither.
        var naming = asked.Where(w =>
        {
            var carriers = current.Where(d => d.Words.Contains(w)).ToList();
            return carriers.Count > 0 && carriers.Count <= most && carriers.Select(d => d.Publisher).Distinct(StringComparer.Ordinal).Count() == 1;
        }).ToHashSet(StringComparer.Ordinal);
        return current.Where(d => d.Words.Overlaps(naming)).Select(d => d.DocumentId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The acronyms and capitalised words of a title or publisher, bracketed remarks aside.</summary>
    internal static HashSet<string> TitleNameWords(string text) =>
        WordRegex().Matches(BracketRegex().Replace(text, " "))
            .Select(m => m.Value)
            .Where(IsName)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The acronyms of a question, and its capitalised words that do not open a sentence.</summary>
    internal static HashSet<string> QuestionNameWords(string question)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in WordRegex().Matches(question))
        {
            if (IsAcronym(m.Value) || (IsName(m.Value) && !OpensSentence(question, m.Index)))
            {
                words.Add(m.Value);
            }
        }
        return words;
    }

    private static bool IsName(string word) =>
        IsAcronym(word) || (word.Length >= 3 && char.IsUpper(word[0]) && word.Skip(1).All(c => !char.IsLetter(c) || char.IsLower(c)));

    /// <summary>Two capitals or more and no small letter: "IMCI", "IDSR", "IFRC", "G6PD".</summary>
    private static bool IsAcronym(string word) => word.Count(char.IsUpper) >= 2 && !word.Any(char.IsLower);

    private static bool OpensSentence(string text, int at)
    {
        var before = text[..at].TrimEnd(' ', '\t', '\n', '\r', '"', '\'', '“', '‘', '(', '¿', '¡');
        return before.Length == 0 || before[^1] is '.' or '?' or '!' or ':' or ';';
    }

    [GeneratedRegex(@"\p{L}[\p{L}\p{N}]*")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex BracketRegex();
}
