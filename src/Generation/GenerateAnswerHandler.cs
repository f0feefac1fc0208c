using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Core.Telemetry;
using Meditron.Generation.Citations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Generation;

/// <summary>What <see cref="GenerateAnswerHandler.StreamAsync"/> yields: draft text deltas, then one final answer.</summary>
public abstract record AnswerEvent;

/// <summary>
/// A piece of the engine's unchecked draft, for display while it is written. The final
/// <see cref="AnswerCompleted"/> answer replaces it (uncited sentences may be dropped, markers renumbered).
/// </summary>
public sealed record AnswerDelta(string Text) : AnswerEvent;

/// <summary>The checked, cited answer; always the last event.</summary>
public sealed record AnswerCompleted(CitedAnswer Answer) : AnswerEvent;

/// <summary>
/// Answers a <see cref="GenerateAnswer"/>: abstains when the evidence is missing or weak, streams the
/// engine's draft under a timeout, then keeps only what the evidence supports (<see cref="CitationValidator"/>).
/// </summary>
public sealed partial class GenerateAnswerHandler
{
    private readonly IAnswerEngine _engine;
    private readonly IAnswerEngine? _extractive;
    private readonly AnswerPolicyOptions _policy;
    private readonly ILogger<GenerateAnswerHandler> _logger;

    /// <param name="extractive">The engine for requests that ask for <see cref="AnswerEngineNames.Extractive"/> (fast, no model); null: the configured one answers every request.</param>
    public GenerateAnswerHandler(IAnswerEngine engine, IOptions<AnswerPolicyOptions> options, ILogger<GenerateAnswerHandler> logger, Extractive.ExtractiveEngine? extractive = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _engine = engine;
        _extractive = extractive;
        _policy = options.Value;
        _logger = logger;
    }

    public async Task<CitedAnswer> HandleAsync(GenerateAnswer request, CancellationToken cancellationToken)
    {
        await foreach (var e in StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (e is AnswerCompleted done)
            {
                return done.Answer;
            }
        }
        throw new InvalidOperationException("The answer stream ended without a final answer.");
    }

    public async IAsyncEnumerable<AnswerEvent> StreamAsync(GenerateAnswer request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = AnswerLanguage.Resolve(request.Options.Language, request.Question);
        var stopwatch = Stopwatch.StartNew();
        // Ends when the caller stops reading (after the final answer, or on an error).
        var engine = EngineFor(request.Options);
        using var span = GenerationTelemetry.StartGenerate(engine.Name, request.RequestId);

        if (EvidenceCheck.Decline(request, language, _policy) is { } reason)
        {
            LogAbstained(request.RequestId, reason);
            var abstained = Abstain(reason, language, engine.Name, stopwatch.ElapsedMilliseconds);
            GenerationTelemetry.Completed(span, abstained, deltas: 0);
            yield return new AnswerCompleted(abstained);
            yield break;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(1, request.Options.TimeoutSeconds)));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var draft = new StringBuilder();
        var timedOut = false;
        int deltas = 0;
        var enumerator = engine.StreamAsync(request, linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (true)
            {
                string delta;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                    delta = enumerator.Current;
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    timedOut = true;
                    break;
                }
                catch (Exception e)
                {
                    SpanOutcome.Failed(span, e);
                    throw;
                }
                draft.Append(delta);
                deltas++;
                yield return new AnswerDelta(delta);
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }

        if (timedOut)
        {
            LogTimedOut(request.RequestId, request.Options.TimeoutSeconds);
            var abstained = Abstain(AbstentionMessages.Timeout, language, engine.Name, stopwatch.ElapsedMilliseconds);
            GenerationTelemetry.Completed(span, abstained, deltas);
            yield return new AnswerCompleted(abstained);
            yield break;
        }

        var draftText = draft.ToString();
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            LogDraft(request.RequestId, draftText);
        }
        var answer = CitationValidator.Validate(draftText, request.Evidence, engine.Name, language)
            with { Timings = new AnswerTimings { GenerationMs = stopwatch.ElapsedMilliseconds } };
        if (answer.Abstained)
        {
            LogAbstained(request.RequestId, answer.Reason ?? string.Empty);
        }
        else
        {
            LogAnswered(request.RequestId, answer.Citations.Count, answer.Timings.GenerationMs);
        }
        GenerationTelemetry.Completed(span, answer, deltas);
        yield return new AnswerCompleted(answer);
    }

    /// <summary>The configured engine, or the extractive one when the request asks for it (and it is registered).</summary>
    private IAnswerEngine EngineFor(AnswerOptions options) =>
        string.Equals(options.Engine, AnswerEngineNames.Extractive, StringComparison.OrdinalIgnoreCase) && _extractive is not null ? _extractive : _engine;

    private static CitedAnswer Abstain(string reason, string language, string model, long elapsedMs) => new()
    {
        Answer = AbstentionMessages.For(reason, language),
        Abstained = true,
        Reason = reason,
        Model = model,
        Timings = new AnswerTimings { GenerationMs = elapsedMs },
    };

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Request {RequestId} answered with {CitationCount} citations in {GenerationMs} ms")]
    private partial void LogAnswered(string requestId, int citationCount, long generationMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Request {RequestId} abstained: {Reason}")]
    private partial void LogAbstained(string requestId, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Request {RequestId} timed out after {TimeoutSeconds} s")]
    private partial void LogTimedOut(string requestId, int timeoutSeconds);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Request {RequestId} draft: {Draft}")]
    private partial void LogDraft(string requestId, string draft);
}
