using System.Diagnostics;
using Meditron.Core.Retrieval;

namespace Meditron.Retrieval.Evaluation;

/// <summary>Asks every question of a question file in this process and scores the rankings.</summary>
public sealed class RetrievalEvaluator(RetrievalService retrieval)
{
    public async Task<(RetrievalReport Report, IReadOnlyList<QuestionDetail> Details)> EvaluateAsync(
        IReadOnlyList<EvalQuestion> questions, int k, SearchMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        int depth = Math.Max(k, 10);
        var details = new List<QuestionDetail>(questions.Count);
        var latencies = new List<double>(questions.Count);
        if (questions.Count > 0)
        {
            // Latency is that of a warm service: the first search loads the vector snapshot.
            await retrieval.SearchAsync(new SearchRequest { Query = questions[0].Question, TopK = depth, Mode = mode }, cancellationToken);
        }
        foreach (var question in questions)
        {
            var stopwatch = Stopwatch.StartNew();
            var results = await retrieval.SearchAsync(new SearchRequest { Query = question.Question, TopK = depth, Mode = mode }, cancellationToken);
            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
            var hits = results.Select(r => new DetailHit(r.Rank, r.File, r.Page, r.PageEnd, r.PageLabel, r.Section, r.Score,
                RetrievalMetrics.IsHit(question, r.File, r.Page, r.PageEnd))).ToList();
            int? first = hits.FirstOrDefault(h => h.Hit)?.Rank;
            details.Add(new QuestionDetail(question.Id, question.Kind, question.Answerable, first, hits));
        }

        var scored = questions.Zip(details).Where(p => p.First.Answerable).ToList();
        double Mean(Func<(EvalQuestion Question, IReadOnlyList<bool> Hits), double> metric) =>
            scored.Count == 0 ? 0 : Math.Round(scored.Average(p => metric((p.First, p.Second.Results.Select(r => r.Hit).ToList()))), 4);

        var report = new RetrievalReport
        {
            Questions = questions.Count,
            Answerable = scored.Count,
            K = k,
            Mode = mode.ToString().ToLowerInvariant(),
            RecallAt1 = Mean(q => RetrievalMetrics.RecallAt(q.Hits, 1)),
            RecallAt5 = Mean(q => RetrievalMetrics.RecallAt(q.Hits, 5)),
            RecallAt10 = Mean(q => RetrievalMetrics.RecallAt(q.Hits, 10)),
            MrrAt10 = Mean(q => RetrievalMetrics.ReciprocalRankAt(q.Hits, 10)),
            NdcgAt10 = Mean(q => RetrievalMetrics.NdcgAt(q.Hits, 10, q.Question.Gold.Sum(g => g.Pages.Count))),
            ByKind = scored.GroupBy(p => p.First.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(
                g => g.Key,
                g => new KindReport(g.Count(), Math.Round(g.Average(p => RetrievalMetrics.RecallAt(p.Second.Results.Select(r => r.Hit).ToList(), 5)), 4))),
            LatencyMs = new LatencyReport(
                Math.Round(RetrievalMetrics.Percentile(latencies, 50), 2),
                Math.Round(RetrievalMetrics.Percentile(latencies, 99), 2)),
        };
        return (report, details);
    }
}
