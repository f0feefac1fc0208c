namespace Meditron.Ingestion.Embedding;

/// <summary>Text to the token ids an embedding model reads, special tokens included (WordPiece or SentencePiece).</summary>
internal interface IModelTokenizer
{
    /// <summary>The id that opens every sequence ([CLS], &lt;s&gt;); CLS pooling reads its vector.</summary>
    int StartId { get; }

    /// <summary>The id that closes every sequence ([SEP], &lt;/s&gt;).</summary>
    int EndId { get; }

    int UnknownId { get; }

    /// <summary>Fills the rows of a batch after a shorter text (masked out, so any id the model knows would do).</summary>
    int PaddingId { get; }

    /// <summary>Start, the text's tokens, end; cut to <paramref name="maxTokens"/> in all.</summary>
    int[] Encode(string text, int maxTokens);

    /// <summary>The length <see cref="Encode"/> would have without a limit.</summary>
    int Count(string text);
}
