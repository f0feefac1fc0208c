using Meditron.Core.Retrieval;

namespace Meditron.Cli.Output;

/// <summary>The JSON printed by `meditron search --json`.</summary>
internal sealed record SearchReport(string Query, IReadOnlyList<SearchResult> Results);
