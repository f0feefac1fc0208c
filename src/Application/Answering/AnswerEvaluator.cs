using System.Diagnostics;
using System.Text.RegularExpressions;
using Meditron.Core.Documents;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Generation.Citations;
using Meditron.Retrieval.Evaluation;

namespace Meditron.Application.Answering;

/// <summary>Asks every question of a question file in one process and scores the cited answers.</summary>
public sealed partial class AnswerEvaluator(AskService ask, IChunkIndex index)
{

    public async Task<(AnswerReport Report, IReadOnlyList<AnswerDetail> Details)> EvaluateAsync(
        IReadOnlyList<EvalQuestion> questions, int? topK, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var details = new List<AnswerDetail>(questions.Count);
        // Many citations point into the same few documents: read each document's chunks once per run.
        var chunksByDocument = new Dictionary<string, IReadOnlyList<Chunk>>(StringComparer.Ordinal);
        int answerable = 0, hits = 0, falseAbstentions = 0, unanswerable = 0, declined = 0, valid = 0, citations = 0, quotesOnPage = 0;
        int answered = 0, documentsCited = 0, answeredCitations = 0, citationsOnGold = 0, quotesHoldingClaim = 0;
        foreach (var question in questions)
        {
            var stopwatch = Stopwatch.StartNew();
            var prepared = await ask.PrepareAsync(question.Question, topK, new AnswerOptions { Language = question.Language }, cancellationToken);
            var answer = await ask.AnswerAsync(prepared, cancellationToken);
            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);

            var onGold = answer.Citations.Select(c => RetrievalMetrics.IsHit(question, c.File, c.Page, Math.Max(c.Page, c.PageEnd))).ToList();
            bool hit = onGold.Contains(true);
            if (!answer.Abstained)
            {
                answered++;
                documentsCited += answer.Citations.Select(c => c.DocumentId).Distinct(StringComparer.Ordinal).Count();
                if (question.Answerable)
                {
                    answeredCitations += onGold.Count;
                    citationsOnGold += onGold.Count(g => g);
                }
            }
            double? bestSimilarity = prepared.Message.Evidence.Max(p => p.Similarity);
            details.Add(new AnswerDetail(question.Id, question.Kind, question.Answerable, answer.Abstained, answer.Reason, hit,
                bestSimilarity is { } s ? Math.Round(s, 4) : null,
                answer.Citations.Select(c => new CitedPage(c.N, c.File, c.Page, c.PageEnd, c.PageLabel, c.Quote)).ToList())
            {
                LexicalSupport = prepared.Message.KeyTermSupport,
                WordsNeverIndexed = prepared.Message.WordsNeverIndexed ?? [],
            });
            if (question.Answerable)
            {
                answerable++;
                falseAbstentions += answer.Abstained ? 1 : 0;
                hits += hit ? 1 : 0;
            }
            else
            {
                unanswerable++;
                declined += answer.Abstained ? 1 : 0;
            }
            valid += EveryMarkerResolves(answer) ? 1 : 0;
            foreach (var citation in answer.Citations)
            {
                citations++;
                quotesOnPage += await QuoteIsOnPageAsync(citation, chunksByDocument, cancellationToken) ? 1 : 0;
            }
            quotesHoldingClaim += CitationValidator.QuotesHoldingClaim(answer).Count;
        }
        var report = new AnswerReport(
            questions.Count,
            Ratio(hits, answerable),
            Ratio(declined, unanswerable),
            Ratio(falseAbstentions, answerable),
            Ratio(valid, questions.Count),
            citations == 0 ? 1 : Ratio(quotesOnPage, citations),
            new LatencyReport(Math.Round(RetrievalMetrics.Percentile(latencies, 50), 1), Math.Round(RetrievalMetrics.Percentile(latencies, 99), 1)))
        {
            CitationPrecision = Ratio(citationsOnGold, answeredCitations),
            DocumentsPerAnswer = answered == 0 ? 0 : Math.Round(documentsCited / (double)answered, 2),
            QuoteHoldsClaim = citations == 0 ? 1 : Ratio(quotesHoldingClaim, citations),
        };
        return (report, details);
    }

    /// <summary>Asks each regression case's question again and counts the answers that still cite a page flagged wrong.</summary>
    public async Task<(FeedbackReport Report, IReadOnlyList<FeedbackCaseDetail> Details)> EvaluateFeedbackAsync(
        IReadOnlyList<FeedbackCase> cases, int? topK, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var details = new List<FeedbackCaseDetail>(cases.Count);
        foreach (var regression in cases)
        {
            var answer = await ask.AskAsync(regression.Question, topK, new AnswerOptions(), cancellationToken);
            details.Add(new FeedbackCaseDetail(regression.RequestId, regression.FeedbackIds, regression.Question, regression.Flagged,
                answer.Abstained, answer.Reason, regression.IsStillWrong(answer),
                answer.Citations.Select(c => new CitedPage(c.N, c.File, c.Page, c.PageEnd, c.PageLabel, c.Quote)).ToList()));
        }
        return (new FeedbackReport(cases.Count, details.Count(d => d.StillWrong)), details);
    }

    private static bool EveryMarkerResolves(CitedAnswer answer)
    {
        var numbers = answer.Citations.Select(c => c.N).ToHashSet();
        return Marker().Matches(answer.Answer)
            .SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .All(n => int.TryParse(n, out int value) && numbers.Contains(value));
    }

    /// <summary>The quote stands in the stored text of a chunk that covers the cited page.</summary>
    private async Task<bool> QuoteIsOnPageAsync(Citation citation, Dictionary<string, IReadOnlyList<Chunk>> chunksByDocument, CancellationToken cancellationToken)
    {
        if (!chunksByDocument.TryGetValue(citation.DocumentId, out var chunks))
        {
            chunks = await index.GetChunksAsync(citation.DocumentId, cancellationToken);
            chunksByDocument[citation.DocumentId] = chunks;
        }
        int pageEnd = Math.Max(citation.Page, citation.PageEnd);
        return chunks.Where(c => c.PageStart <= pageEnd && citation.Page <= c.PageEnd)
            .Any(c => c.Text.Contains(citation.Quote, StringComparison.Ordinal));
    }

    private static double Ratio(int count, int total) => total == 0 ? 1 : Math.Round(count / (double)total, 4);

    [GeneratedRegex(@"\[(\d+(?:\s*,\s*\d+)*)\]")]
    private static partial Regex Marker();
}
