using Microsoft.ML.Tokenizers;

namespace Meditron.Ingestion.Embedding;

/// <summary>BERT's WordPiece: [CLS] tokens [SEP], ids as in vocab.txt.</summary>
internal sealed class WordPieceModelTokenizer(BertTokenizer tokenizer) : IModelTokenizer
{
    public int StartId => tokenizer.ClassificationTokenId;

    public int EndId => tokenizer.SeparatorTokenId;

    public int UnknownId => tokenizer.UnknownTokenId;

    public int PaddingId => tokenizer.PaddingTokenId;

    public int[] Encode(string text, int maxTokens)
    {
        var ids = Ids(text);
        var content = Math.Min(ids.Count, maxTokens - 2);
        var result = new int[content + 2];
        result[0] = StartId;
        for (var i = 0; i < content; i++)
        {
            result[i + 1] = ids[i];
        }

        result[^1] = EndId;
        return result;
    }

    public int Count(string text) => Ids(text).Count + 2;

    private IReadOnlyList<int> Ids(string text) =>
        tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
}
