namespace Meditron.Generation.Models;

/// <summary>How a model expects its prompt: plain completion (base models without a chat template) or a chat template.</summary>
public static class PromptFormats
{
    /// <summary>Base model, no chat template: the prompt is a document the model continues.</summary>
    public const string Completion = "completion";

    /// <summary>Llama 3 / 3.1 chat template (&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt; ... &lt;|eot_id|&gt;).</summary>
    public const string Llama3 = "llama3";
}

/// <summary>
/// One Meditron GGUF build: where the hub publishes it and how to run it.
/// <see cref="File"/> is null when no GGUF is published (the entry then points at the upstream weights and cannot be pulled).
/// The expected sha256 is never stored here: it comes from the hub's own file metadata at pull time.
/// </summary>
/// <param name="Name">Short name used on the command line, e.g. "meditron-7b".</param>
/// <param name="Repository">Hugging Face repository, "owner/name".</param>
/// <param name="File">GGUF file inside the repository, or null when none is published.</param>
/// <param name="ContextLength">Context window in tokens the model was trained for.</param>
/// <param name="PromptFormat">One of <see cref="PromptFormats"/>.</param>
/// <param name="ApproximateBytes">Approximate download size, for display and disk checks; the hub's size is authoritative.</param>
/// <param name="Description">One line for `models list`.</param>
/// <param name="Note">Caveats (e.g. no GGUF published), or null.</param>
public sealed record ModelEntry(
    string Name,
    string Repository,
    string? File,
    int ContextLength,
    string PromptFormat,
    long ApproximateBytes,
    string Description,
    string? Note = null)
{
    /// <summary>Whether a GGUF file is published, so that the model can be pulled.</summary>
    public bool IsDownloadable => File is not null;
}
