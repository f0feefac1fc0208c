using System.Diagnostics;
using System.Numerics.Tensors;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Generation;
using Meditron.Retrieval;

namespace Meditron.Cli.Answering;

/// <summary>
/// The embedded shape's question path: retrieve, build the evidence pack, hand a
/// <see cref="GenerateAnswer"/> message to the generation handler (in process here; a queue
/// worker in the distributed shape), and return the checked, cited answer.
/// </summary>
internal sealed class AskService(RetrievalService retrieval, IEmbedder embedder, GenerateAnswerHandler handler)
{
    public async Task<CitedAnswer> AskAsync(string question, int topK, AnswerOptions options, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var results = await retrieval.SearchAsync(new SearchRequest { Query = question, TopK = topK }, cancellationToken);
        var evidence = Evidence(question, results, cancellationToken);
        long retrievalMs = stopwatch.ElapsedMilliseconds;

        var answer = await handler.HandleAsync(new GenerateAnswer(Guid.NewGuid().ToString("N"), question, evidence, options), cancellationToken);
        return answer with { Timings = answer.Timings with { RetrievalMs = retrievalMs } };
    }

    /// <summary>Numbered passages, most relevant first, each with its dense similarity to the question (for abstention).</summary>
    private List<EvidencePassage> Evidence(string question, IReadOnlyList<SearchResult> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return [];
        }
        float[][] vectors = embedder.Embed([question, .. results.Select(r => r.Text)], cancellationToken);
        return results.Select((r, i) => new EvidencePassage
        {
            N = i + 1,
            DocumentId = r.DocumentId,
            Title = r.Title,
            Publisher = r.Publisher,
            Edition = r.Edition,
            File = r.File,
            Page = r.Page,
            PageEnd = r.PageEnd,
            PageLabel = r.PageLabel,
            Section = r.Section,
            Text = r.Text,
            Score = r.Score,
            Similarity = TensorPrimitives.Dot(vectors[0], vectors[i + 1]),
        }).ToList();
    }
}
