namespace Meditron.Ingestion.Embedding;

/// <summary>
/// The id an index records for the configured embedding: the model's name, then whatever else in the settings
/// changes its vectors (a tokenizer file of its own, cased WordPiece, CLS pooling, prefixes). The bundled model
/// with default settings is plainly "all-MiniLM-L6-v2", as indexes made before these settings existed.
/// </summary>
internal static class EmbeddingModelId
{
    public static string For(EmbeddingOptions options, TokenizerFile tokenizer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var name = options.ModelPath is null ? EmbeddingModelFiles.BundledModelId : NameOf(options.ModelPath);

        var recipe = new List<string>();
        if (tokenizer.Path is not null && !IsTheModelsOwn(tokenizer.Path, options.ModelPath))
        {
            recipe.Add("tokenizer " + Path.GetFileName(tokenizer.Path));
        }

        if (tokenizer.Kind == TokenizerKind.WordPiece && !options.LowerCase)
        {
            recipe.Add("cased");
        }

        if (options.Pooling != EmbeddingPooling.Mean)
        {
            recipe.Add(options.Pooling.ToString().ToLowerInvariant() + " pooling");
        }

        if (!string.IsNullOrEmpty(options.QueryPrefix))
        {
            recipe.Add($"query prefix '{options.QueryPrefix}'");
        }

        if (!string.IsNullOrEmpty(options.PassagePrefix))
        {
            recipe.Add($"passage prefix '{options.PassagePrefix}'");
        }

        return recipe.Count == 0 ? name : $"{name} ({string.Join(", ", recipe)})";
    }

    /// <summary>A readable name for a configured model: the file name, or folder/file for a generic "model.onnx".</summary>
    public static string NameOf(string modelPath)
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

    /// <summary>The tokenizer found next to the model is part of the model, so naming the model names it.</summary>
    private static bool IsTheModelsOwn(string tokenizerPath, string? modelPath) =>
        modelPath is not null
        && TokenizerFiles.FindNextToModel(modelPath) is { } own
        && string.Equals(Path.GetFullPath(own), Path.GetFullPath(tokenizerPath), StringComparison.Ordinal);
}
