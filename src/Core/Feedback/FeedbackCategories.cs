namespace Meditron.Core.Feedback;

/// <summary>What a clinician may say was wrong with an answer; the one list the API, the stores and the CLI share.</summary>
public static class FeedbackCategories
{
    /// <summary>A citation points at a page that does not say what the answer claims.</summary>
    public const string WrongPage = "wrong_page";

    /// <summary>The answer follows an edition that is no longer current practice.</summary>
    public const string Outdated = "outdated";

    /// <summary>Following the answer could harm a patient.</summary>
    public const string Unsafe = "unsafe";

    /// <summary>Something the clinician needed is missing.</summary>
    public const string Incomplete = "incomplete";

    /// <summary>The answer is about something else.</summary>
    public const string NotRelevant = "not_relevant";

    /// <summary>Every category, in the order they are shown and stored.</summary>
    public static IReadOnlyList<string> All { get; } = [WrongPage, Outdated, Unsafe, Incomplete, NotRelevant];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);

    /// <summary>Known categories without repeats, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string>? names)
    {
        var given = (names ?? []).ToHashSet(StringComparer.Ordinal);
        return All.Where(given.Contains).ToList();
    }
}
