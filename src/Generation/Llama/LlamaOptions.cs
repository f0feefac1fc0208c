namespace Meditron.Generation.Llama;

/// <summary>Settings of the in-process LLamaSharp engine (configuration section "Generation:Llama").</summary>
public sealed class LlamaOptions
{
    public const string SectionName = "Generation:Llama";

    /// <summary>Path of the GGUF model file.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Context window of one request in tokens; 0 uses the model's training context.</summary>
    public int ContextSize { get; set; }

    /// <summary>How many requests are decoded together; further requests wait their turn.</summary>
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>CPU threads for decoding; 0 lets llama.cpp choose.</summary>
    public int Threads { get; set; }

    /// <summary>Layers offloaded to the GPU (needs a GPU backend, e.g. -p:LlamaBackend=Cuda12).</summary>
    public int GpuLayers { get; set; }

    /// <summary>Sampling temperature; 0 picks the most likely token.</summary>
    public float Temperature { get; set; } = 0.2f;

    /// <summary>Sampling seed; null draws one per request.</summary>
    public uint? Seed { get; set; }
}
