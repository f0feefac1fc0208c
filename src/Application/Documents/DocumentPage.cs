using Meditron.Core.Documents;

namespace Meditron.Application.Documents;

/// <summary>One page of a document listing: the documents, how many match in all, and the page asked for.</summary>
public sealed record DocumentPage(IReadOnlyList<DocumentRecord> Items, int Total, int Offset, int Limit);
