using Meditron.Core.Generation;

namespace Meditron.Application.Answering;

/// <summary>A page a clinician flagged as wrong: one citation of a rated answer (document, file, page span).</summary>
public sealed record FlaggedPage(string DocumentId, string File, int Page, int PageEnd)
{
    public static FlaggedPage Of(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        return new FlaggedPage(citation.DocumentId, citation.File, citation.Page, Math.Max(citation.Page, citation.PageEnd));
    }

    /// <summary>
    /// The citation points at this page again: the same document, or the same file (the document ingested again under
    /// another id), and a page span that meets this one.
    /// </summary>
    public bool IsCitedBy(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        bool sameDocument = string.Equals(DocumentId, citation.DocumentId, StringComparison.Ordinal)
            || string.Equals(File, citation.File, StringComparison.Ordinal);
        return sameDocument && citation.Page <= PageEnd && Page <= Math.Max(citation.Page, citation.PageEnd);
    }
}
