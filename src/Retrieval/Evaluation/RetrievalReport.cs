using System.Text.Json.Serialization;

namespace Meditron.Retrieval.Evaluation;

/// <summary>What `meditron eval retrieval --json` prints.</summary>
public sealed record RetrievalReport
{
    public required int Questions { get; init; }
    public required int Answerable { get; init; }
    public required int K { get; init; }
    public required string Mode { get; init; }
    [JsonPropertyName("recall@1")] public required double RecallAt1 { get; init; }
    [JsonPropertyName("recall@5")] public required double RecallAt5 { get; init; }
    [JsonPropertyName("recall@10")] public required double RecallAt10 { get; init; }
    [JsonPropertyName("mrr@10")] public required double MrrAt10 { get; init; }
    [JsonPropertyName("ndcg@10")] public required double NdcgAt10 { get; init; }
    public required IReadOnlyDictionary<string, KindReport> ByKind { get; init; }
    public required LatencyReport LatencyMs { get; init; }
}

public sealed record KindReport(int N, [property: JsonPropertyName("recall@5")] double RecallAt5);

public sealed record LatencyReport(double P50, double P99);

/// <summary>One line of `--details`: a question and its ranked hits.</summary>
public sealed record QuestionDetail(string Id, string Kind, bool Answerable, int? FirstHitRank, IReadOnlyList<DetailHit> Results);

public sealed record DetailHit(int Rank, string File, int Page, int PageEnd, string? PageLabel, string Section, double Score, bool Hit);
