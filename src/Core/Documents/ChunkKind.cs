namespace Meditron.Core.Documents;

/// <summary>
/// What a passage is: guidance, or text of the book that is not guidance (its table of contents, its index, its
/// reference lists, blank forms and templates). Search finds every kind; answers are built from guidance only.
/// </summary>
public enum ChunkKind
{
    Guidance,
    /// <summary>A table of contents, or a list of tables, charts or figures with their pages.</summary>
    Contents,
    /// <summary>A back-of-book index: terms with their page numbers.</summary>
    Index,
    /// <summary>A reference list or bibliography.</summary>
    References,
    /// <summary>A form or blank template: fields to fill in ("Date of onset (10)", "Name: ______").</summary>
    Form,
}
