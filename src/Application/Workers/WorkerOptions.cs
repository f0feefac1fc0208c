using System.ComponentModel.DataAnnotations;

namespace Meditron.Application.Workers;

/// <summary>How the workers take messages (section "Workers").</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Workers";

    /// <summary>Documents one ingestion worker handles at once (each uses the embedder's threads).</summary>
    [Range(1, 64)]
    public int IngestionPrefetch { get; set; } = 1;

    /// <summary>Questions one generation worker answers at once; match the engine's batch (Generation:Llama:MaxConcurrentRequests).</summary>
    [Range(1, 256)]
    public int GenerationPrefetch { get; set; } = 4;

    /// <summary>On SIGTERM, how long the message in hand may take to finish before it is requeued.</summary>
    [Range(0, 3600)]
    public int StopTimeoutSeconds { get; set; } = 30;
}
