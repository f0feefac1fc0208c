using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Meditron.Retrieval.Evaluation;

/// <summary>
/// Fold <see cref="Number"/> of <see cref="Count"/> of a question file, chosen by a stable hash of each question's id
/// (not by its position), so that constants tuned on one fold can be measured on the others and a question keeps its
/// fold when the file grows. "1/2" and "2/2" split a file in two halves.
/// </summary>
public sealed record QuestionFold(int Number, int Count)
{
    public bool Contains(EvalQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(question.Id));
        return BitConverter.ToUInt32(hash, 0) % (uint)Count == (uint)(Number - 1);
    }

    public IReadOnlyList<EvalQuestion> Select(IReadOnlyList<EvalQuestion> questions) => questions.Where(Contains).ToList();

    /// <summary>"K/N" with 1 ≤ K ≤ N ≤ 100; null when the text is not one.</summary>
    public static QuestionFold? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count is >= 1 and <= 100 && number >= 1 && number <= count
            ? new QuestionFold(number, count)
            : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number}/{Count}");
}
