namespace Meditron.Generation.Models;

/// <summary>
/// The Meditron GGUF builds this system knows how to fetch and run. Names are case-insensitive.
/// </summary>
public sealed class ModelCatalog
{
    private const long GB = 1_000_000_000;

    private readonly Dictionary<string, ModelEntry> _byName;

    public ModelCatalog(IEnumerable<ModelEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        _byName = new Dictionary<string, ModelEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Entries)
        {
            if (!_byName.TryAdd(entry.Name, entry))
            {
                throw new ArgumentException($"Duplicate model name '{entry.Name}'.", nameof(entries));
            }
        }
    }

    /// <summary>
    /// The built-in catalog. Repositories and files as published on huggingface.co (checked against the
    /// hub's file listings for TheBloke's repositories; sizes are the hub's, rounded).
    /// </summary>
    public static ModelCatalog Default { get; } = new(
    [
        new ModelEntry(
            Name: "meditron-7b",
            Repository: "TheBloke/meditron-7B-GGUF",
            File: "meditron-7b.Q4_K_M.gguf",
            ContextLength: 2048,
            PromptFormat: PromptFormats.Completion,
            ApproximateBytes: 4_080_000_000,
            Description: "Meditron-7B (EPFL, Llama-2 base, medical pretraining), Q4_K_M quantisation",
            Note: "Base model without a chat template (TheBloke's card suggests ChatML, which the model was not trained on)."),
        new ModelEntry(
            Name: "meditron-70b",
            Repository: "TheBloke/meditron-70B-GGUF",
            File: "meditron-70b.Q4_K_M.gguf",
            ContextLength: 4096,
            PromptFormat: PromptFormats.Completion,
            ApproximateBytes: 41 * GB,
            Description: "Meditron-70B (EPFL, Llama-2 base, medical pretraining), Q4_K_M quantisation",
            Note: "Needs about 48 GB of RAM or VRAM."),
        new ModelEntry(
            Name: "meditron3-8b",
            Repository: "OpenMeditron/Meditron3-8B",
            File: null,
            ContextLength: 8192,
            PromptFormat: PromptFormats.Llama3,
            ApproximateBytes: 16 * GB,
            Description: "Meditron3-8B (OpenMeditron, Llama-3.1-8B-Instruct fine-tune)",
            Note: "No GGUF build is published by the authors: convert the upstream safetensors with llama.cpp (convert_hf_to_gguf.py) and place the file in the models directory. Llama 3.1 allows up to 128K tokens of context; 8192 is the default here to bound KV-cache memory."),
    ]);

    public IReadOnlyList<ModelEntry> Entries { get; }

    public bool TryGet(string name, out ModelEntry entry) => _byName.TryGetValue(name, out entry!);

    /// <summary>The entry named <paramref name="name"/>; throws with the known names when there is none.</summary>
    public ModelEntry Get(string name) =>
        _byName.TryGetValue(name, out var entry)
            ? entry
            : throw new KeyNotFoundException($"Unknown model '{name}'. Known models: {string.Join(", ", Entries.Select(e => e.Name))}.");
}
