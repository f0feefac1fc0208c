using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using LLama;
using LLama.Batched;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Meditron.Generation.Llama;

/// <summary>Why a generation ended.</summary>
public enum LlamaStopReason
{
    EndOfGeneration,
    MaxTokens,
    ContextFull,
}

/// <summary>The whole draft of one request, with token counts.</summary>
public sealed record LlamaCompletion(string Text, int PromptTokens, int GeneratedTokens, LlamaStopReason StopReason, PromptPlan Prompt);

/// <summary>
/// Answers with a local GGUF model through LLamaSharp (llama.cpp). The weights are loaded once per process
/// and shared; concurrent requests are decoded together by one <see cref="BatchedExecutor"/> (one
/// <see cref="Conversation"/> per request, each with its own sampling pipeline), driven by a single
/// scheduler loop, up to <see cref="LlamaOptions.MaxConcurrentRequests"/> at a time; further requests queue.
/// </summary>
public sealed partial class LlamaEngine : IAnswerEngine, IDisposable
{
    private readonly LlamaOptions _options;
    private readonly ILogger _logger;
    private readonly LlamaWeightsCache.Lease _weights;
    private readonly BatchedExecutor _executor;
    private readonly PromptBuilder _prompts;
    private readonly Channel<Job> _pending = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly int _maxConcurrent;
    private int _disposed;

    // What the start-up check sizes the context with: a short question and a passage of a chunk's length
    // (Chunking:MaxTokens, 256 embedding tokens, about 1,000 characters). Longer questions are checked per request.
    private const string SizingQuestion = "What is the recommended dose?";

    private static readonly EvidencePassage SizingPassage = new()
    {
        N = 1,
        DocumentId = "sizing",
        Title = "Pocket book of hospital care for children: guidelines for the management of common childhood illnesses",
        Publisher = "WHO",
        Edition = "2013",
        File = "sizing.pdf",
        Page = 100,
        PageEnd = 100,
        PageLabel = "82",
        Section = "4 Cough or difficulty in breathing > 4.2 Pneumonia > 4.2.2 Pneumonia",
        Text = string.Concat(Enumerable.Repeat(
            "Give oral amoxicillin 40 mg/kg per dose twice daily for 5 days to a child with fast breathing and no chest " +
            "indrawing; refer urgently to hospital a child with any general danger sign or severe pneumonia. ", 5)),
    };

    public LlamaEngine(IOptions<LlamaOptions> options, ILogger<LlamaEngine> logger)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), logger)
    {
    }

    public LlamaEngine(LlamaOptions options, ILogger<LlamaEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ModelPath))
            throw new ArgumentException("Generation:Llama:ModelPath is not set.", nameof(options));
        if (!File.Exists(options.ModelPath))
            throw new FileNotFoundException($"GGUF model not found: {options.ModelPath}", options.ModelPath);

        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _maxConcurrent = Math.Max(1, options.MaxConcurrentRequests);
        Name = $"llamasharp:{Path.GetFileName(options.ModelPath)}";

        var sw = Stopwatch.StartNew();
        _weights = LlamaWeightsCache.Acquire(options.ModelPath, options.GpuLayers);
        try
        {
            var weights = _weights.Weights;
            ContextSize = options.ContextSize > 0 ? options.ContextSize : weights.ContextSize;

            Func<string, string, string>? chat = null;
            if (weights.Metadata.ContainsKey("tokenizer.chat_template"))
            {
                try
                {
                    chat = FormatChat;
                    _ = chat("system", "user"); // llama.cpp only knows a fixed list of templates; fall back if it fails
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogTemplateUnsupported(_logger, Name, ex.Message);
                    chat = null;
                }
            }
            _prompts = new PromptBuilder(CountTokens, chat);
            DefaultAnswerTokens = CheckContext(weights.ContextSize);

            var contextParams = new ModelParams(options.ModelPath)
            {
                // One window of ContextSize per concurrent request, in one KV cache.
                ContextSize = checked((uint)(ContextSize * _maxConcurrent)),
                SeqMax = checked((uint)_maxConcurrent),
                BatchSize = checked((uint)ContextSize),
                GpuLayerCount = options.GpuLayers,
                // Each sequence gets its own ContextSize slice of the KV cache, so a decode step attends only
                // over its own sequence's cells instead of the whole shared cache.
                KVUnified = false,
            };
            if (options.Threads > 0)
            {
                contextParams.Threads = options.Threads;
                contextParams.BatchThreads = options.Threads;
            }
            _executor = new BatchedExecutor(weights, contextParams);
        }
        catch
        {
            _weights.Dispose();
            throw;
        }
        LogLoaded(_logger, Name, ContextSize, _maxConcurrent, _prompts.UsesChatTemplate, sw.ElapsedMilliseconds);

        _loop = Task.Factory.StartNew(RunLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public string Name { get; }

    /// <summary>The context window of one request, in tokens.</summary>
    public int ContextSize { get; }

    /// <summary>
    /// The answer tokens a request with the default <see cref="AnswerOptions.MaxTokens"/> gets next to a short
    /// question and one typical evidence passage: the default, or fewer in a small context (logged at start).
    /// </summary>
    public int DefaultAnswerTokens { get; }

    /// <summary>Whether prompts use the model's chat template (else the completion template).</summary>
    public bool UsesChatTemplate => _prompts.UsesChatTemplate;

    /// <summary>Builds the prompt that <paramref name="request"/> would be answered with.</summary>
    public PromptPlan BuildPrompt(GenerateAnswer request) => _prompts.Build(request, ContextSize);

    /// <summary>Counts the tokens of a prompt text as it is fed to the model (with BOS).</summary>
    public int CountTokens(string text) => Tokenize(text).Length;

    /// <summary>
    /// Checks at start that the context holds the instructions, a short question and the shortest answer, and
    /// returns the answer tokens a default request gets; logs a warning when that is less than the default.
    /// </summary>
    /// <exception cref="OptionsValidationException">When the context is too small to answer at all.</exception>
    private int CheckContext(int modelContext)
    {
        var bare = _prompts.CountTokens(SizingQuestion, []);
        var needed = bare + PromptBuilder.MinAnswerTokens;
        if (ContextSize < needed)
        {
            var what = _options.ContextSize > 0
                ? $"Generation:Llama:ContextSize is {ContextSize} tokens"
                : $"The model's context size is {ContextSize} tokens (used because Generation:Llama:ContextSize is not set)";
            var fix = _options.ContextSize > 0 && modelContext >= needed
                ? $"Set Generation:Llama:ContextSize to at least {needed}, or to 0 for the model's context size ({modelContext} tokens)."
                : $"Set Generation:Llama:ContextSize to at least {needed} (the model's context size is {modelContext} tokens; " +
                  "beyond it answers may degrade) or use a model with a larger context.";
            throw new OptionsValidationException(LlamaOptions.SectionName, typeof(LlamaOptions),
            [
                $"{what}, too small to answer: the instructions and a short question need {bare} tokens " +
                $"and the answer at least {PromptBuilder.MinAnswerTokens}, {needed} in all. {fix}",
            ]);
        }

        var defaults = new AnswerOptions();
        var plan = _prompts.Build(new GenerateAnswer("context-check", SizingQuestion, [SizingPassage], defaults), ContextSize);
        if (plan.AnswerTokens < defaults.MaxTokens)
        {
            var prompt = plan.Included.Count > 0 ? "instructions, a short question and one evidence passage" : "instructions and a short question; no evidence passage fits";
            LogAnswerShortened(_logger, Name, plan.AnswerTokens, defaults.MaxTokens, ContextSize, plan.TokenCount, prompt, modelContext);
        }
        return plan.AnswerTokens;
    }

    public async IAsyncEnumerable<string> StreamAsync(GenerateAnswer request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var job = Submit(request, cancellationToken);
        try
        {
            await foreach (var delta in job.Output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Deltas already buffered when the caller cancels are not handed out.
                cancellationToken.ThrowIfCancellationRequested();
                yield return delta;
            }
            await job.Completion.Task.ConfigureAwait(false);
        }
        finally
        {
            job.Abandon();
        }
    }

    /// <summary>Generates the whole draft (no streaming) with its token counts.</summary>
    public async Task<LlamaCompletion> CompleteAsync(GenerateAnswer request, CancellationToken cancellationToken)
    {
        var job = Submit(request, cancellationToken);
        try
        {
            await foreach (var _ in job.Output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
            }
            return await job.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            job.Abandon();
        }
    }

    private Job Submit(GenerateAnswer request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        var plan = BuildPrompt(request);
        if (plan.AnswerTokens < request.Options.MaxTokens)
            LogRequestShortened(_logger, request.RequestId, plan.AnswerTokens, request.Options.MaxTokens, ContextSize);
        var job = new Job(request.RequestId, Tokenize(plan.Text, plan.UsesChatTemplate), plan.AnswerTokens, plan, cancellationToken);
        ObjectDisposedException.ThrowIf(!_pending.Writer.TryWrite(job), this);
        return job;
    }

    private LLamaToken[] Tokenize(string text) => Tokenize(text, _prompts?.UsesChatTemplate ?? false);

    private LLamaToken[] Tokenize(string text, bool special)
    {
        var weights = _weights.Weights;
        var tokens = weights.Tokenize(text, true, special, Encoding.UTF8);
        // Chat templates that spell the BOS themselves would otherwise start with two.
        var bos = weights.Vocab.BOS;
        if (tokens.Length >= 2 && bos.HasValue && tokens[0] == bos.Value && tokens[1] == bos.Value)
            tokens = tokens[1..];
        return tokens;
    }

    private string FormatChat(string system, string user)
    {
        var template = new LLamaTemplate(_weights.Weights) { AddAssistant = true };
        template.Add("system", system);
        template.Add("user", user);
        return Encoding.UTF8.GetString(template.Apply());
    }

    // The scheduler: the only code that touches the executor and its conversations.
    private async Task RunLoopAsync()
    {
        var active = new List<Job>();
        var stop = _stopping.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                while (active.Count < _maxConcurrent && _pending.Reader.TryRead(out var next))
                {
                    if (next.IsCancelled)
                    {
                        next.Cancel();
                        continue;
                    }
                    Start(next);
                    active.Add(next);
                }

                if (active.Count == 0)
                {
                    if (!await _pending.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
                        break;
                    continue;
                }

                if (_executor.BatchedTokenCount > 0)
                {
                    var result = await _executor.Infer(stop).ConfigureAwait(false);
                    if (result != DecodeResult.Ok)
                    {
                        var error = new InvalidOperationException($"llama.cpp decode failed: {result}");
                        foreach (var job in active) Finish(job, error);
                        active.Clear();
                        continue;
                    }
                }

                for (var i = active.Count - 1; i >= 0; i--)
                {
                    var job = active[i];
                    if (Step(job))
                        active.RemoveAt(i);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogLoopFailed(_logger, ex);
            foreach (var job in active) Finish(job, ex);
            active.Clear();
            throw;
        }
        finally
        {
            var gone = new ObjectDisposedException(nameof(LlamaEngine));
            foreach (var job in active) Finish(job, gone);
            while (_pending.Reader.TryRead(out var job)) job.Output.Writer.TryComplete(gone);
        }
    }

    private void Start(Job job)
    {
        job.Conversation = _executor.Create();
        job.Pipeline = new DefaultSamplingPipeline
        {
            Temperature = _options.Temperature,
            Seed = _options.Seed ?? (uint)Random.Shared.Next(),
        };
        job.Decoder = new StreamingTokenDecoder(Encoding.UTF8, _weights.Weights);
        job.Conversation.Prompt(job.PromptTokens);
    }

    /// <summary>Advances one job by at most one token; true when it is finished and leaves the batch.</summary>
    private bool Step(Job job)
    {
        var conversation = job.Conversation!;
        if (job.IsCancelled)
        {
            job.Cancel(); // the reader stops now; the KV cache is freed once no batch holds its tokens
            if (conversation.RequiresInference)
                return false;
            Release(job);
            return true;
        }
        if (!conversation.RequiresSampling)
            return false;

        var token = conversation.Sample(job.Pipeline!);
        var vocab = _weights.Weights.Vocab;
        if (token.IsEndOfGeneration(vocab))
            return Complete(job, LlamaStopReason.EndOfGeneration);

        job.Generated++;
        job.Decoder!.Add(token);
        var delta = job.Decoder.Read();
        if (delta.Length > 0)
        {
            job.Text.Append(delta);
            job.Output.Writer.TryWrite(delta);
        }
        if (job.Generated >= job.MaxTokens)
            return Complete(job, LlamaStopReason.MaxTokens);
        if (conversation.TokenCount + 1 >= ContextSize)
            return Complete(job, LlamaStopReason.ContextFull);

        conversation.Prompt(token);
        return false;
    }

    private bool Complete(Job job, LlamaStopReason reason)
    {
        Release(job);
        job.Output.Writer.TryComplete();
        job.Completion.TrySetResult(new LlamaCompletion(job.Text.ToString(), job.PromptTokens.Length, job.Generated, reason, job.Plan));
        LogCompleted(_logger, job.RequestId, job.PromptTokens.Length, job.Generated, reason);
        return true;
    }

    private static void Finish(Job job, Exception error)
    {
        Release(job);
        job.Output.Writer.TryComplete(error);
        job.Completion.TrySetException(error);
    }

    private static void Release(Job job)
    {
        if (job.Conversation is { IsDisposed: false } c && !c.RequiresInference)
            c.Dispose();
        job.Pipeline?.Dispose();
        job.Pipeline = null;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _pending.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // already logged by the loop
        }
        _executor.Dispose();
        _weights.Dispose();
        _stopping.Dispose();
    }

    private sealed class Job(string requestId, LLamaToken[] promptTokens, int maxTokens, PromptPlan plan, CancellationToken cancellationToken)
    {
        private volatile bool _abandoned;

        public string RequestId { get; } = requestId;
        public LLamaToken[] PromptTokens { get; } = promptTokens;
        public int MaxTokens { get; } = maxTokens;
        public PromptPlan Plan { get; } = plan;
        public Channel<string> Output { get; } = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true });
        public TaskCompletionSource<LlamaCompletion> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public StringBuilder Text { get; } = new();
        public Conversation? Conversation { get; set; }
        public DefaultSamplingPipeline? Pipeline { get; set; }
        public StreamingTokenDecoder? Decoder { get; set; }
        public int Generated { get; set; }

        public bool IsCancelled => _abandoned || cancellationToken.IsCancellationRequested;

        /// <summary>The caller stopped reading (finished, cancelled or broke off).</summary>
        public void Abandon() => _abandoned = true;

        public void Cancel()
        {
            var ex = new OperationCanceledException(cancellationToken);
            Output.Writer.TryComplete(ex);
            Completion.TrySetCanceled(cancellationToken);
        }
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Loaded {Engine}: {ContextSize} tokens per request, {MaxConcurrent} concurrent, chat template {ChatTemplate}, in {ElapsedMs} ms")]
    private static partial void LogLoaded(ILogger logger, string engine, int contextSize, int maxConcurrent, bool chatTemplate, long elapsedMs);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "{Engine}: llama.cpp cannot apply the model's chat template ({Error}); using the completion template")]
    private static partial void LogTemplateUnsupported(ILogger logger, string engine, string error);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "Request {RequestId}: {PromptTokens} prompt tokens, {Generated} generated, stopped by {Reason}")]
    private static partial void LogCompleted(ILogger logger, string requestId, int promptTokens, int generated, LlamaStopReason reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "The LLamaSharp scheduler loop failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "{Engine}: answers are shortened to {AnswerTokens} of the default {DefaultTokens} tokens, because a {ContextSize}-token context must also hold a {PromptTokens}-token prompt ({Prompt}); raise Generation:Llama:ContextSize for longer answers (the model's context size is {ModelContext} tokens)")]
    private static partial void LogAnswerShortened(ILogger logger, string engine, int answerTokens, int defaultTokens, int contextSize, int promptTokens, string prompt, int modelContext);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Debug, Message = "Request {RequestId}: the answer is shortened to {AnswerTokens} of the {Requested} tokens asked for, to fit the {ContextSize}-token context")]
    private static partial void LogRequestShortened(ILogger logger, string requestId, int answerTokens, int requested, int contextSize);
}
