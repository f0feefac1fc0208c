using System.ComponentModel.DataAnnotations;

namespace Meditron.Retrieval.Embedded;

/// <summary>Where and how the embedded (single machine, on-disk) store keeps its SQLite database.</summary>
public sealed class EmbeddedStoreOptions
{
    /// <summary>Configuration section, named after the class.</summary>
    public const string SectionName = "EmbeddedStore";

    /// <summary>The data directory; the database lives at <c>{DataDirectory}/index/meditron.db</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>How long SQLite waits for another connection's lock before reporting busy.</summary>
    [Range(1, 3600)]
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>How many times a whole operation is retried when it still meets a busy or locked database.</summary>
    [Range(0, 20)]
    public int MaxBusyRetries { get; set; } = 4;

    /// <summary>Reuse native connections within the process (off only for tests that want one file handle per connection).</summary>
    public bool Pooling { get; set; } = true;
}
