namespace Meditron.Cli;

/// <summary>The exit codes scripts can rely on (README, "Commands").</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>A usage error (unknown option, a value the option does not accept) or another error.</summary>
    public const int Error = 1;
    /// <summary>`ingest`: some files failed; the others were ingested. `sync`: some sources failed; the others were synced.</summary>
    public const int SomeFilesFailed = 2;
    public const int InvalidConfiguration = 3;
    /// <summary>A command that reads the store found no store, or nothing indexed in it.</summary>
    public const int NothingIndexed = 4;
    /// <summary>The index holds vectors of another embedding model than the configured one (re-ingest, or restore the settings).</summary>
    public const int EmbeddingModelMismatch = 5;
}
