using System.Diagnostics;
using System.Runtime.CompilerServices;
using Meditron.Application.Telemetry;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Core.Telemetry;
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
    public async Task<CitedAnswer> AskAsync(string question, int? topK, AnswerOptions options, CancellationToken cancellationToken, SearchRequest? scope = null) =>
        await AnswerAsync(await PrepareAsync(question, topK, options, cancellationToken, scope), cancellationToken);

    /// <summary>
    /// Retrieves the evidence (<paramref name="topK"/> passages, else Answer:EvidencePassages) and builds the message
    /// for the generation handler. The question is embedded once, for retrieval, the evidence similarities and the engine.
    /// </summary>
    /// <param name="scope">Filters, editions and mode of the retrieval (its query and top-k are replaced, and it is limited to
    /// guidance: no contents, index, references or forms); null: current editions, hybrid.</param>
    public async Task<PreparedQuestion> PrepareAsync(string question, int? topK, AnswerOptions options, CancellationToken cancellationToken, SearchRequest? scope = null)
    {
        var stopwatch = Stopwatch.StartNew();
        string requestId = Guid.NewGuid().ToString("N");
        var span = ApplicationTelemetry.StartAsk(requestId);
        try
        {
            float[] questionVector = embedder.Embed([question], EmbeddingPurpose.Query, cancellationToken)[0];
            var request = (scope ?? new SearchRequest { Query = question }) with
            {
                Query = question,
                TopK = topK ?? policy.Value.EvidencePassages,
                QueryVector = questionVector,
                GuidanceOnly = true, // a table of contents, an index, a reference list or a form is never evidence
            };
            var results = await retrieval.SearchAsync(request, cancellationToken);
            var (words, namedInQuestion) = await retrieval.LookUpQuestionAsync(question, cancellationToken);
            // A scope that picks the documents itself is not widened to a guideline the question names.
            IReadOnlySet<string> named = request.Filter.DocumentIds.Count > 0 ? new HashSet<string>() : namedInQuestion;
            results = await NamedGuidelinePassages.AddAsync(retrieval, request, results, named, cancellationToken);
            var neverIndexed = SpecificTerms.Of(words.NeverIndexed, question, options.Language, embedder);
            var support = new KeyTermSupport(words.KeyTerms(neverIndexed), words.Chunks);
            var evidence = Evidence(questionVector, results, support.OfSection, named, cancellationToken);
            var message = new GenerateAnswer(requestId, question, evidence, options)
            {
                QuestionVector = questionVector,
                QuestionVectorModel = embedder.ModelId,
                WordsNeverIndexed = neverIndexed,
                KeyTermSupport = support.Of(results),
            };
            return new PreparedQuestion(message, stopwatch.ElapsedMilliseconds) { Span = span };
        }
        catch (Exception e)
        {
            SpanOutcome.Failed(span, e);
            span?.Dispose();
            throw;
        }
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
        var span = prepared.Span;
        // PrepareAsync's span is not current here (it returned): make it so, so that generate, in this process or
        // behind the queue, is its child. This iterator's own context is restored for the caller after each step.
        if (span is not null)
        {
            Activity.Current = span;
        }
        try
        {
            await using var events = generator.StreamAsync(prepared.Message, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await NextAsync(events, span))
            {
                if (events.Current is AnswerCompleted done)
                {
                    ApplicationTelemetry.Answered(span, done.Answer);
                    var answer = WithRetrievalTime(done.Answer, prepared);
                    await answers.SaveAsync(prepared.Message.RequestId, answer, cancellationToken); // kept for a later fetch by id
                    yield return new AnswerCompleted(answer);
                }
                else
                {
                    yield return events.Current;
                }
            }
        }
        finally
        {
            span?.Dispose();
        }
    }

    /// <summary>The next event; a failure (no worker answered, the engine failed) marks the span before it goes on up.</summary>
    private static async Task<bool> NextAsync(IAsyncEnumerator<AnswerEvent> events, Activity? span)
    {
        try
        {
            return await events.MoveNextAsync();
        }
        catch (Exception e)
        {
            SpanOutcome.Failed(span, e);
            throw;
        }
    }

    private static CitedAnswer WithRetrievalTime(CitedAnswer answer, PreparedQuestion prepared) =>
        answer with { RequestId = prepared.Message.RequestId, Timings = answer.Timings with { RetrievalMs = prepared.RetrievalMs } };

    /// <summary>
    /// Numbered passages, most relevant first, each with its dense similarity to the question (for abstention) and how
    /// much of the question's subject its section path names, and whether it is from a guideline the question names.
    /// </summary>
    private List<EvidencePassage> Evidence(float[] questionVector, IReadOnlyList<SearchResult> results, Func<string, double> topicMatch,
        IReadOnlySet<string> named, CancellationToken cancellationToken)
    {
        float[] similarities = PassageSimilarity.Of(embedder, questionVector, results, cancellationToken);
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
            Similarity = similarities[i],
            TopicMatch = topicMatch(r.Section),
            FromNamedGuideline = named.Contains(r.DocumentId),
        }).ToList();
    }
}
