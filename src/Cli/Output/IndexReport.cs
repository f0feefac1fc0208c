namespace Meditron.Cli.Output;

/// <summary>The JSON printed by `meditron index init --json`: which index is ready, and where.</summary>
/// <param name="Provider">Embedded or Qdrant (Index:Provider).</param>
/// <param name="Location">The embedded store's database file, or the Qdrant endpoint.</param>
/// <param name="Collection">The Qdrant collection; null for the embedded store.</param>
internal sealed record IndexInitReport(string Provider, string Location, string? Collection);
