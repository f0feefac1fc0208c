namespace Meditron.Ingestion.Embedding;

/// <summary>How token vectors become one sentence vector (ignored when the model outputs sentence vectors itself).</summary>
public enum EmbeddingPooling
{
    /// <summary>Mean over the text's tokens (sentence-transformers' default: all-MiniLM, e5).</summary>
    Mean,

    /// <summary>The vector of the first token, [CLS] or &lt;s&gt; (bge, gte).</summary>
    Cls,
}
