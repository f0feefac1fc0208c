namespace Meditron.Ingestion.Embedding;

/// <summary>The tokenizer family of an embedding model.</summary>
public enum TokenizerKind
{
    /// <summary>BERT WordPiece from a vocab.txt (all-MiniLM, bge, e5 English).</summary>
    WordPiece,

    /// <summary>A SentencePiece .model file (XLM-RoBERTa based models: multilingual-e5, bge-m3).</summary>
    SentencePiece,
}
