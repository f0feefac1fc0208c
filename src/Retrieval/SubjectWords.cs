using System.Text.RegularExpressions;

namespace Meditron.Retrieval;

/// <summary>
/// The words of a question that name its subject and can be looked up in the index: runs of letters (digits allowed
/// inside, as in "PHQ-9" → "phq"), lower case, at least three letters, in order and distinct. Stop words are left to
/// the index, which analyses each word as it analyses queries.
/// </summary>
internal static partial class SubjectWords
{
    public const int MinLetters = 3;

    public static IReadOnlyList<string> Of(string text) =>
        WordRegex().Matches(text)
            .Select(m => m.Value.ToLowerInvariant())
            .Where(w => w.Count(char.IsLetter) >= MinLetters)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"\p{L}[\p{L}\p{N}]*")]
    private static partial Regex WordRegex();
}
