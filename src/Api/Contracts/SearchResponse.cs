using Meditron.Core.Retrieval;

namespace Meditron.Api.Contracts;

/// <summary>The search JSON (as `meditron search --json`), each passage with <see cref="SearchResult.Url"/> set to its page.</summary>
public sealed record SearchResponse(string Query, IReadOnlyList<SearchResult> Results);
