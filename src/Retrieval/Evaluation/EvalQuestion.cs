using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meditron.Retrieval.Evaluation;

/// <summary>One line of a question file (the format of shared/eval/questions.dev.jsonl).</summary>
public sealed record EvalQuestion
{
    public required string Id { get; init; }
    public required string Question { get; init; }
    public string? Language { get; init; }
    public string Kind { get; init; } = "other";
    public IReadOnlyList<GoldPages> Gold { get; init; } = [];

    /// <summary>Questions with no gold are the unanswerable ones: left out of recall.</summary>
    [JsonIgnore]
    public bool Answerable => Gold.Any(g => g.Pages.Count > 0);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<EvalQuestion> ReadFile(string path) =>
        File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select((line, i) => JsonSerializer.Deserialize<EvalQuestion>(line, Json)
                ?? throw new FormatException($"{path}:{i + 1}: not a question object"))
            .ToList();
}

public sealed record GoldPages(string File, IReadOnlyList<int> Pages);
