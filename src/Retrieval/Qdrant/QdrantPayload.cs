namespace Meditron.Retrieval.Qdrant;

/// <summary>The payload keys of a chunk point: every <c>Chunk</c> field and every <c>ChunkSource</c> field.</summary>
internal static class QdrantPayload
{
    // Chunk
    public const string DocumentId = "document_id";
    public const string ChunkNo = "chunk_no";
    public const string Text = "text";
    public const string PageStart = "page_start";
    public const string PageEnd = "page_end";
    public const string PageLabel = "page_label";
    public const string PageLabelEnd = "page_label_end";
    public const string Section = "section";
    /// <summary>The chunk's own language (for display; the Languages filter matches the document's).</summary>
    public const string Language = "language";
    public const string Ocr = "ocr";
    public const string TokenCount = "token_count";
    /// <summary>What the chunk is (<c>guidance</c>, <c>contents</c>, <c>index</c>, <c>references</c>, <c>form</c>); points written before kinds existed have none and are guidance.</summary>
    public const string Kind = "kind";

    // ChunkSource
    public const string File = "file";
    public const string Title = "title";
    public const string Publisher = "publisher";
    public const string Guideline = "guideline";
    public const string Edition = "edition";
    public const string Year = "year";
    public const string Current = "current";
    /// <summary>The document's language (ChunkSource.Language), kept apart from the chunk's own.</summary>
    public const string DocumentLanguage = "document_language";

    // Filter keys: the filtered values lower-cased (invariant), as the embedded index compares them ignoring case;
    // the fields above keep the values as written, for display.
    public const string PublisherFolded = "publisher_folded";
    public const string GuidelineFolded = "guideline_folded";
    public const string DocumentIdFolded = "document_id_folded";
    /// <summary>The document's language, lower-cased: what the Languages filter matches (as the embedded index does).</summary>
    public const string DocumentLanguageFolded = "document_language_folded";

    /// <summary>The form of a value the filters compare.</summary>
    public static string Fold(string value) => value.ToLowerInvariant();
}
