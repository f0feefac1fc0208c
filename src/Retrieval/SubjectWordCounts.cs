namespace Meditron.Retrieval;

/// <summary>How many chunks hold each subject word of a question (in the question's order), out of <see cref="Chunks"/>.</summary>
public sealed record SubjectWordCounts(IReadOnlyDictionary<string, long> Counts, long Chunks)
{
    /// <summary>The words no chunk holds.</summary>
    public IReadOnlyList<string> NeverIndexed => Counts.Where(c => c.Value == 0).Select(c => c.Key).ToList();

    /// <summary>
    /// The key terms: the words the index holds, and of those it never holds only <paramref name="specific"/> ones (a
    /// plain word the guidelines happen not to use, such as "heaps", says nothing about the subject).
    /// </summary>
    public IReadOnlyDictionary<string, long> KeyTerms(IReadOnlyCollection<string> specific) =>
        Counts.Where(c => c.Value > 0 || specific.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
}

/// <summary>A question's subject word counts and the current documents it names (<see cref="RetrievalService.LookUpQuestionAsync"/>).</summary>
public sealed record QuestionLookup(SubjectWordCounts Words, IReadOnlySet<string> NamedGuidelines);
