using Microsoft.ML.Tokenizers;

namespace Meditron.Ingestion.Embedding;

/// <summary>
/// A SentencePiece model (Unigram or BPE, the .model file's own normalisation): &lt;s&gt; pieces &lt;/s&gt;, with the
/// piece ids mapped the way the ONNX model expects (<see cref="SentencePieceIds"/>).
/// </summary>
internal sealed class SentencePieceModelTokenizer : IModelTokenizer
{
    // fairseq's dictionary puts four specials first and shifts the SentencePiece pieces by one (its <unk> moves to 3).
    private const int FairseqStart = 0;
    private const int FairseqPadding = 1;
    private const int FairseqEnd = 2;
    private const int FairseqUnknown = 3;
    private const int FairseqOffset = 1;

    private readonly SentencePieceTokenizer _tokenizer;
    private readonly SentencePieceIds _ids;

    public SentencePieceModelTokenizer(Stream model, SentencePieceIds ids)
    {
        _tokenizer = SentencePieceTokenizer.Create(model, addBeginningOfSentence: false, addEndOfSentence: false);
        _ids = ids;
        if (ids == SentencePieceIds.Fairseq)
        {
            StartId = FairseqStart;
            EndId = FairseqEnd;
            UnknownId = FairseqUnknown;
            PaddingId = FairseqPadding;
        }
        else
        {
            if (_tokenizer.BeginningOfSentenceId < 0 || _tokenizer.EndOfSentenceId < 0)
            {
                throw new InvalidOperationException(
                    "The SentencePiece model has no <s> or </s> piece to open and close each text (Embedding:SentencePieceIds = AsInModel).");
            }

            StartId = _tokenizer.BeginningOfSentenceId;
            EndId = _tokenizer.EndOfSentenceId;
            UnknownId = _tokenizer.UnknownId;
            PaddingId = _tokenizer.Vocabulary.TryGetValue("<pad>", out var pad) ? pad : EndId;
        }
    }

    public int StartId { get; }

    public int EndId { get; }

    public int UnknownId { get; }

    public int PaddingId { get; }

    public int[] Encode(string text, int maxTokens)
    {
        var ids = Pieces(text);
        var content = Math.Min(ids.Count, maxTokens - 2);
        var result = new int[content + 2];
        result[0] = StartId;
        for (var i = 0; i < content; i++)
        {
            result[i + 1] = Map(ids[i]);
        }

        result[^1] = EndId;
        return result;
    }

    public int Count(string text) => Pieces(text).Count + 2;

    private IReadOnlyList<int> Pieces(string text) =>
        _tokenizer.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false, considerPreTokenization: true, considerNormalization: true);

    private int Map(int id) => _ids switch
    {
        SentencePieceIds.Fairseq => id == _tokenizer.UnknownId ? FairseqUnknown : id + FairseqOffset,
        _ => id,
    };
}
