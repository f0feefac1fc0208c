using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Meditron.Ingestion.Embedding;

/// <summary>
/// Benchmark baseline: a bare ONNX Runtime session on the bundled model, one text per call, with the same
/// tokenizer and truncation as <see cref="OnnxEmbedder"/> and nothing else.
/// </summary>
internal sealed class BareOnnxBaseline : IDisposable
{
    private readonly InferenceSession _session;
    private readonly WordPieceModelTokenizer _tokenizer;
    private readonly int _maxTokens;

    public BareOnnxBaseline(int maxTokens = 256)
    {
        _maxTokens = maxTokens;
        _session = new InferenceSession(EmbeddingModelFiles.ReadBundledModel());
        using var vocabulary = EmbeddingModelFiles.OpenBundledVocabulary();
        _tokenizer = new WordPieceModelTokenizer(EmbeddingModelFiles.CreateTokenizer(vocabulary, lowerCase: true));
    }

    public float[] Embed(string text)
    {
        var tokens = _tokenizer.Encode(text, _maxTokens);
        int[] shape = [1, tokens.Length];
        var ids = new DenseTensor<long>(tokens.Select(t => (long)t).ToArray(), shape);
        var mask = new DenseTensor<long>(Enumerable.Repeat(1L, tokens.Length).ToArray(), shape);
        var types = new DenseTensor<long>(new long[tokens.Length], shape);
        using var results = _session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", types),
        ]);
        var hidden = results.First(r => r.Name == "last_hidden_state").AsTensor<float>().ToArray();
        return VectorPooling.MeanNormalized(hidden, tokens.Length, hidden.Length / tokens.Length);
    }

    public float[][] Embed(IReadOnlyList<string> texts) => texts.Select(Embed).ToArray();

    public void Dispose() => _session.Dispose();
}
