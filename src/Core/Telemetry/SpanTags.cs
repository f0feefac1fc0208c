namespace Meditron.Core.Telemetry;

/// <summary>
/// Names of the tags Meditron puts on its spans. Tags hold ids, counts, sizes and outcomes only: never a
/// question, an answer, patient context or document text, because traces leave the process for any backend.
/// </summary>
public static class SpanTags
{
    public const string DocumentId = "meditron.document.id";

    public const string Pages = "meditron.document.pages";

    public const string OcrPages = "meditron.document.ocr_pages";

    public const string Chunks = "meditron.chunks";

    public const string RequestId = "meditron.request.id";

    public const string RetrievalMode = "meditron.retrieval.mode";

    public const string TopK = "meditron.retrieval.top_k";

    public const string ResultCount = "meditron.retrieval.results";

    public const string Engine = "meditron.generation.engine";

    /// <summary>Pieces of draft the engine streamed (about one per token with LLamaSharp).</summary>
    public const string Deltas = "meditron.generation.deltas";

    public const string Citations = "meditron.answer.citations";

    /// <summary>What became of the work: answered | abstained for an answer; indexed | skipped | queued | failed for a document.</summary>
    public const string Outcome = "meditron.outcome";

    /// <summary>A fixed reason code (an abstention such as no_evidence), never free text.</summary>
    public const string Reason = "meditron.reason";
}
