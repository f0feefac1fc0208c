namespace Meditron.Ingestion.Embedding;

/// <summary>The tokenizer file of a model and its family; a null path is the bundled vocab.txt.</summary>
internal sealed record TokenizerFile(string? Path, TokenizerKind Kind);

/// <summary>Finds the tokenizer of the configured model (its file, or one next to the model) and opens it.</summary>
internal static class TokenizerFiles
{
    /// <summary>The names exported models ship their tokenizer under, in the order they are looked for.</summary>
    internal static readonly string[] KnownNames = ["vocab.txt", "sentencepiece.bpe.model", "spiece.model", "tokenizer.model", "sentencepiece.model"];

    public static TokenizerFile Resolve(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.VocabPath is { } configured)
        {
            if (!File.Exists(configured))
            {
                throw new InvalidOperationException($"Embedding:VocabPath names a file that does not exist ({Path.GetFullPath(configured)}).");
            }

            return new TokenizerFile(configured, options.Tokenizer ?? KindOf(configured));
        }

        if (options.ModelPath is null)
        {
            if (options.Tokenizer == TokenizerKind.SentencePiece)
            {
                throw new InvalidOperationException("Embedding:Tokenizer is SentencePiece but no Embedding:VocabPath names its .model file.");
            }

            return new TokenizerFile(null, TokenizerKind.WordPiece);
        }

        var found = FindNextToModel(options.ModelPath)
            ?? throw new InvalidOperationException(
                $"Embedding:ModelPath is set but Embedding:VocabPath is not, and there is no tokenizer file next to the model "
                + $"(looked for {string.Join(", ", KnownNames)} in {string.Join(" and ", SearchFolders(options.ModelPath))}).");
        return new TokenizerFile(found, options.Tokenizer ?? KindOf(found));
    }

    /// <summary>The first known tokenizer file in the model's folder, or in the folder above when the model sits in "onnx" (the Hugging Face layout).</summary>
    public static string? FindNextToModel(string modelPath) =>
        SearchFolders(modelPath)
            .SelectMany(folder => KnownNames.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);

    public static IModelTokenizer Open(TokenizerFile file, EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        if (file.Kind == TokenizerKind.WordPiece)
        {
            using var vocabulary = file.Path is null ? EmbeddingModelFiles.OpenBundledVocabulary() : File.OpenRead(file.Path);
            return new WordPieceModelTokenizer(EmbeddingModelFiles.CreateTokenizer(vocabulary, options.LowerCase));
        }

        using var model = File.OpenRead(file.Path!);
        try
        {
            return new SentencePieceModelTokenizer(model, options.SentencePieceIds);
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            // Not a SentencePiece ModelProto (a tokenizer.json, a truncated download): say which file.
            throw new InvalidOperationException($"Cannot read the SentencePiece model {file.Path}: {e.Message}", e);
        }
    }

    private static TokenizerKind KindOf(string path) =>
        Path.GetExtension(path).Equals(".model", StringComparison.OrdinalIgnoreCase) ? TokenizerKind.SentencePiece : TokenizerKind.WordPiece;

    private static IEnumerable<string> SearchFolders(string modelPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(modelPath)) ?? ".";
        yield return folder;
        if (string.Equals(Path.GetFileName(folder), "onnx", StringComparison.OrdinalIgnoreCase) && Path.GetDirectoryName(folder) is { } parent)
        {
            yield return parent;
        }
    }
}
