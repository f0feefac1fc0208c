using LLama;
using LLama.Common;

namespace Meditron.Generation.Llama;

/// <summary>
/// Loads each GGUF file once per process and shares its weights among engines; the weights are freed when
/// the last engine using them is disposed.
/// </summary>
internal static class LlamaWeightsCache
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<(string Path, int GpuLayers), Entry> Entries = [];

    public static Lease Acquire(string modelPath, int gpuLayers)
    {
        var key = (Path.GetFullPath(modelPath), gpuLayers);
        lock (Gate)
        {
            if (!Entries.TryGetValue(key, out var entry))
            {
                var weights = LLamaWeights.LoadFromFile(new ModelParams(key.Item1) { GpuLayerCount = gpuLayers });
                entry = new Entry(weights);
                Entries.Add(key, entry);
            }
            entry.References++;
            return new Lease(key, entry.Weights);
        }
    }

    /// <summary>Whether some engine holds the weights of <paramref name="modelPath"/> now.</summary>
    internal static bool IsLoaded(string modelPath)
    {
        var path = Path.GetFullPath(modelPath);
        lock (Gate)
            return Entries.Keys.Any(k => k.Path == path);
    }

    private static void Release((string, int) key)
    {
        lock (Gate)
        {
            if (!Entries.TryGetValue(key, out var entry) || --entry.References > 0)
                return;
            Entries.Remove(key);
            entry.Weights.Dispose();
        }
    }

    private sealed class Entry(LLamaWeights weights)
    {
        public LLamaWeights Weights { get; } = weights;
        public int References { get; set; }
    }

    internal sealed class Lease((string, int) key, LLamaWeights weights) : IDisposable
    {
        private int _released;

        public LLamaWeights Weights { get; } = weights;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                Release(key);
        }
    }
}
