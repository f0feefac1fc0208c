using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Generation;
using Meditron.Retrieval;
using Microsoft.Extensions.Options;

namespace Meditron.Application.Answering;

/// <summary>
/// The question path of every host: retrieve, build the evidence pack, hand a <see cref="GenerateAnswer"/>
/// message to the <see cref="IAnswerGenerator"/> (the handler in process, or a generation worker over the
/// queue), and return the checked, cited answer.
/// </summary>
public sealed class AskService(RetrievalService retrieval, IEmbedder embedder, IAnswerGenerator generator, IAnswerStore answers, IOptions<AnswerPolicyOptions> policy)
{
    public async Task<CitedAnswer> AskAsync(string question, int? topK, AnswerOptions options, CancellationToken cancellationToken) =>
        await AnswerAsync(await PrepareAsync(question, topK, options, cancellationToken), cancellationToken);

    /// <summary>
    /// Retrieves the evidence (<paramref name="topK"/> passages, else Answer:EvidencePassages) and builds the message
    /// for the generation handler. The question is embedded once, for retrieval, the evidence similarities and the engine.
    /// </summary>
    public async Task<PreparedQuestion> PrepareAsync(string question, int? topK, AnswerOptions options, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        float[] questionVector = embedder.Embed([question], cancellationToken)[0];
        var request = new SearchRequest { Query = question, TopK = topK ?? policy.Value.EvidencePassages, QueryVector = questionVector };
        var results = await retrieval.SearchAsync(request, cancellationToken);
        var evidence = Evidence(questionVector, results, cancellationToken);
        var message = new GenerateAnswer(Guid.NewGuid().ToString("N"), question, evidence, options) { QuestionVector = questionVector };
        return new PreparedQuestion(message, stopwatch.ElapsedMilliseconds);
    }

    public async Task<CitedAnswer> AnswerAsync(PreparedQuestion prepared, CancellationToken cancellationToken)
    {
        await foreach (var e in StreamAsync(prepared, cancellationToken))
        {
            if (e is AnswerCompleted done)
            {
                return done.Answer;
            }
        }
        throw new InvalidOperationException($"Request {prepared.Message.RequestId} ended without an answer.");
    }

    /// <summary>The draft as it is written, then the checked answer (with the retrieval time filled in).</summary>
    public async IAsyncEnumerable<AnswerEvent> StreamAsync(PreparedQuestion prepared, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        await foreach (var e in generator.StreamAsync(prepared.Message, cancellationToken))
        {
            if (e is AnswerCompleted done)
            {
                var answer = WithRetrievalTime(done.Answer, prepared);
                await answers.SaveAsync(prepared.Message.RequestId, answer, cancellationToken); // kept for a later fetch by id
                yield return new AnswerCompleted(answer);
            }
            else
            {
                yield return e;
            }
        }
    }

    private static CitedAnswer WithRetrievalTime(CitedAnswer answer, PreparedQuestion prepared) =>
        answer with { Timings = answer.Timings with { RetrievalMs = prepared.RetrievalMs } };

    /// <summary>Numbered passages, most relevant first, each with its dense similarity to the question (for abstention).</summary>
    private List<EvidencePassage> Evidence(float[] questionVector, IReadOnlyList<SearchResult> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return [];
        }
        float[][] vectors = embedder.Embed(results.Select(r => r.Text).ToList(), cancellationToken);
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
            Similarity = TensorPrimitives.Dot(questionVector, vectors[i]),
        }).ToList();
    }
}
