namespace Meditron.Ingestion.Embedding;

/// <summary>How the ids of a SentencePiece model map to the ids the ONNX model was trained on.</summary>
public enum SentencePieceIds
{
    /// <summary>
    /// fairseq's convention, used by XLM-RoBERTa and the models built on it (multilingual-e5, bge-m3, paraphrase-multilingual):
    /// &lt;s&gt;=0, &lt;pad&gt;=1, &lt;/s&gt;=2, &lt;unk&gt;=3, every other piece at its SentencePiece id + 1.
    /// </summary>
    Fairseq,

    /// <summary>The ids of the .model file as they are, its &lt;s&gt; and &lt;/s&gt; opening and closing each text.</summary>
    AsInModel,
}
