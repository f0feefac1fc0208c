namespace Meditron.Cli.Hosting;

/// <summary>What a command needs of the data directory's store.</summary>
internal enum StoreAccess
{
    /// <summary>Writes: the store is created when missing (ingest).</summary>
    ReadWrite,
    /// <summary>Reads what is there: the store must exist and is never created (documents).</summary>
    ReadExisting,
    /// <summary>Searches: the store must exist and hold at least one indexed document (search, ask, eval).</summary>
    ReadIndexed,
}
