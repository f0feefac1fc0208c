using System.Text.Json;

namespace Meditron.Benchmarks.Load;

/// <summary>The "question" field of each line of a questions file (shared/eval/questions.dev.jsonl), handed out round-robin to all clients.</summary>
internal sealed class QuestionRing(IReadOnlyList<string> questions)
{
    private long _next = -1;

    public int Count => questions.Count;

    public static QuestionRing Load(string path)
    {
        var questions = File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("question").GetString()!)
            .ToList();
        return questions.Count > 0 ? new QuestionRing(questions) : throw new InvalidOperationException($"No questions in {path}");
    }

    public string Next() => questions[(int)(Interlocked.Increment(ref _next) % questions.Count)];
}
