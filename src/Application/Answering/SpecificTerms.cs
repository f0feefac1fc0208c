using Meditron.Core.Ports;
using Meditron.Generation.Citations;

namespace Meditron.Application.Answering;

/// <summary>
/// Which never-indexed words of a question name a specific subject ("nirsevimab", "mpox", "PHQ") rather than being
/// plain words the guidelines happen not to use ("roughly", "heaps", "tasty", "rewarm"): a word the embedding model's
/// vocabulary holds whole, or holds whole once one English inflection or prefix is taken off, is plain language; one it
/// must cut into pieces is a name, a drug or an acronym. The vocabulary is English, so in a French or Spanish question
/// only acronyms and words with digits count (the corpus may hold few documents in the question's language, and their
/// plain words would look specific).
/// </summary>
public static class SpecificTerms
{
    public static IReadOnlyList<string> Of(IReadOnlyList<string> neverIndexed, string question, string? language, IEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(neverIndexed);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(embedder);
        if (neverIndexed.Count == 0)
        {
            return [];
        }
        var english = AnswerLanguage.Resolve(language, question) == "en";
        var overhead = embedder.CountTokens(string.Empty);
        bool whole(string word) => embedder.CountTokens(word) - overhead <= 1;
        return neverIndexed
            .Where(word => english ? !EnglishWordForms.Bases(word).Any(whole) : IsAcronymOrCode(word, question))
            .ToList();
    }

    /// <summary>Written in capitals in the question ("RSV", "PHQ-9") or holding a digit.</summary>
    private static bool IsAcronymOrCode(string word, string question)
    {
        if (word.Any(char.IsDigit))
        {
            return true;
        }
        var at = question.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        return at >= 0 && question.Substring(at, word.Length).All(c => !char.IsLetter(c) || char.IsUpper(c));
    }
}
