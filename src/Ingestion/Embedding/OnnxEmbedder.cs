using Meditron.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Meditron.Ingestion.Embedding;

/// <summary>
/// Sentence embeddings with ONNX Runtime on the CPU, offline: the model's prefix for a query or a passage,
/// WordPiece or SentencePiece tokens, mean or CLS pooling, L2 normalisation. The defaults are the
/// sentence-transformers recipe of the bundled all-MiniLM-L6-v2 (WordPiece, mean pooling, no prefixes).
/// </summary>
/// <remarks>Thread-safe: the tokenizer is immutable and <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/> may be called concurrently.</remarks>
public sealed partial class OnnxEmbedder : IEmbedder, IDisposable
{
    private static readonly string[] TokenOutputNames = ["last_hidden_state", "token_embeddings"];
    private static readonly string[] SentenceOutputNames = ["sentence_embedding", "sentence_embeddings", "pooler_output"];

    private readonly EmbeddingOptions _options;
    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly IModelTokenizer _tokenizer;
    private readonly string _queryPrefix;
    private readonly string _passagePrefix;
    private readonly string[] _inputNames;
    private readonly bool _hasTokenTypeIds;
    private readonly string[] _outputNames;
    private readonly bool _outputIsPooled;
    private readonly ILogger _logger;
    private int _disposed;

    public OnnxEmbedder(IOptions<EmbeddingOptions> options, ILogger<OnnxEmbedder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;

        var tokenizerFile = TokenizerFiles.Resolve(_options);
        ModelId = EmbeddingModelId.For(_options, tokenizerFile);
        Dimension = _options.Dimension;
        MaxTokens = _options.MaxTokens;

        _tokenizer = TokenizerFiles.Open(tokenizerFile, _options);
        _queryPrefix = _options.QueryPrefix ?? "";
        _passagePrefix = _options.PassagePrefix ?? "";

        _sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (_options.IntraOpThreads > 0)
        {
            _sessionOptions.IntraOpNumThreads = _options.IntraOpThreads;
        }

        try
        {
            _session = _options.ModelPath is null
                ? new InferenceSession(EmbeddingModelFiles.ReadBundledModel(), _sessionOptions)
                : new InferenceSession(_options.ModelPath, _sessionOptions);

            var inputs = _session.InputMetadata;
            foreach (var required in (string[])["input_ids", "attention_mask"])
            {
                if (!inputs.ContainsKey(required))
                {
                    throw new InvalidOperationException(
                        $"Embedding model '{ModelId}' has no input '{required}' (inputs: {string.Join(", ", inputs.Keys)}).");
                }
            }

            _hasTokenTypeIds = inputs.ContainsKey("token_type_ids");
            _inputNames = _hasTokenTypeIds ? ["input_ids", "attention_mask", "token_type_ids"] : ["input_ids", "attention_mask"];

            (var output, _outputIsPooled) = ChooseOutput(_session);
            _outputNames = [output];

            var declared = _session.OutputMetadata[output].Dimensions[^1];
            if (declared > 0 && declared != Dimension)
            {
                throw new InvalidOperationException(
                    $"Embedding model '{ModelId}' produces {declared}-dimensional vectors but Embedding:Dimension is {Dimension}.");
            }

            // One tiny run checks the whole path (and the dimension, for models that do not declare it).
            _ = Embed([""], EmbeddingPurpose.Passage);
        }
        catch
        {
            _session?.Dispose();
            _sessionOptions.Dispose();
            throw;
        }

        Log.ModelLoaded(_logger, ModelId, tokenizerFile.Kind, _options.Pooling, Dimension, MaxTokens, _options.BatchSize, _options.IntraOpThreads);
    }

    public string ModelId { get; }

    public int Dimension { get; }

    public int MaxTokens { get; }

    /// <summary>Tokens of <paramref name="text"/> as a passage (chunk sizes count the passage prefix too), special tokens included, without truncation.</summary>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _tokenizer.Count(_passagePrefix + text);
    }

    /// <summary>Token ids as the model reads them: start, the prefixed text's ids, end; cut to <see cref="MaxTokens"/>.</summary>
    internal int[] Encode(string text, EmbeddingPurpose purpose = EmbeddingPurpose.Passage) => _tokenizer.Encode(PrefixFor(purpose) + text, MaxTokens);

    internal IModelTokenizer Tokenizer => _tokenizer;

    public float[][] Embed(IReadOnlyList<string> texts, EmbeddingPurpose purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var vectors = new float[texts.Count][];
        if (texts.Count == 0)
        {
            return vectors;
        }

        var encoded = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            encoded[i] = Encode(texts[i] ?? "", purpose);
        }

        // Batches of similar length waste little work on padding.
        var order = new int[texts.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var lengths = new int[texts.Count];
        for (var i = 0; i < lengths.Length; i++)
        {
            lengths[i] = encoded[i].Length;
        }

        Array.Sort(lengths, order);

        // Lengths ascend, so the text being added is the longest of its batch: rows × its length is the padded size.
        for (var start = 0; start < order.Length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = 1;
            while (start + count < order.Length
                && count < _options.BatchSize
                && (count + 1) * lengths[start + count] <= _options.MaxBatchTokens)
            {
                count++;
            }

            RunBatch(encoded, order.AsSpan(start, count), vectors, cancellationToken);
            start += count;
        }

        Log.Embedded(_logger, texts.Count, purpose, ModelId);
        return vectors;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _session.Dispose();
        _sessionOptions.Dispose();
    }

    private string PrefixFor(EmbeddingPurpose purpose) => purpose == EmbeddingPurpose.Query ? _queryPrefix : _passagePrefix;

    private static (string Name, bool Pooled) ChooseOutput(InferenceSession session)
    {
        var outputs = session.OutputMetadata;
        foreach (var name in TokenOutputNames)
        {
            if (outputs.TryGetValue(name, out var meta) && meta.Dimensions.Length == 3)
            {
                return (name, false);
            }
        }

        foreach (var name in SentenceOutputNames)
        {
            if (outputs.TryGetValue(name, out var meta) && meta.Dimensions.Length == 2)
            {
                return (name, true);
            }
        }

        var rank3 = outputs.FirstOrDefault(o => o.Value.Dimensions.Length == 3);
        if (rank3.Key is not null)
        {
            return (rank3.Key, false);
        }

        throw new InvalidOperationException(
            $"Cannot find token embeddings among the model's outputs ({string.Join(", ", outputs.Keys)}).");
    }

    private void RunBatch(int[][] encoded, ReadOnlySpan<int> batch, float[][] vectors, CancellationToken cancellationToken)
    {
        var rows = batch.Length;
        var sequence = 0;
        foreach (var i in batch)
        {
            sequence = Math.Max(sequence, encoded[i].Length);
        }

        var ids = new long[rows * sequence];
        var mask = new long[rows * sequence];
        var pad = _tokenizer.PaddingId;
        for (var r = 0; r < rows; r++)
        {
            var tokens = encoded[batch[r]];
            var offset = r * sequence;
            for (var t = 0; t < sequence; t++)
            {
                if (t < tokens.Length)
                {
                    ids[offset + t] = tokens[t];
                    mask[offset + t] = 1;
                }
                else
                {
                    ids[offset + t] = pad;
                }
            }
        }

        long[] shape = [rows, sequence];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _hasTokenTypeIds ? OrtValue.CreateTensorValueFromMemory(new long[rows * sequence], shape) : null;
        OrtValue[] inputs = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];

        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static o => ((RunOptions)o!).Terminate = true, runOptions);

        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(runOptions, _inputNames, inputs, _outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        using (outputs)
        {
            var output = outputs[0];
            var outShape = output.GetTensorTypeAndShape().Shape;
            var dimension = (int)outShape[^1];
            if (dimension != Dimension)
            {
                throw new InvalidOperationException(
                    $"Embedding model '{ModelId}' produced {dimension}-dimensional vectors but Embedding:Dimension is {Dimension}.");
            }

            var data = output.GetTensorDataAsSpan<float>();
            for (var r = 0; r < rows; r++)
            {
                if (_outputIsPooled)
                {
                    var vector = data.Slice(r * dimension, dimension).ToArray();
                    VectorPooling.Normalize(vector);
                    vectors[batch[r]] = vector;
                }
                else
                {
                    var tokens = data.Slice(r * sequence * dimension, sequence * dimension);
                    vectors[batch[r]] = VectorPooling.Pool(_options.Pooling, tokens, encoded[batch[r]].Length, dimension);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
            Message = "Embedding model {ModelId} loaded: {Tokenizer} tokenizer, {Pooling} pooling, {Dimension} dimensions, {MaxTokens} tokens, batches of {BatchSize}, {IntraOpThreads} intra-op threads (0 = default)")]
        public static partial void ModelLoaded(ILogger logger, string modelId, TokenizerKind tokenizer, EmbeddingPooling pooling, int dimension, int maxTokens, int batchSize, int intraOpThreads);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Embedded {Count} texts as {Purpose} with {ModelId}")]
        public static partial void Embedded(ILogger logger, int count, EmbeddingPurpose purpose, string modelId);
    }
}
