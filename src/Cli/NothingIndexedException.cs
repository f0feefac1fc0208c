namespace Meditron.Cli;

/// <summary>
/// A command that reads the store found none, or nothing indexed in it: most often a mistyped --data,
/// which must not look like a real "the guidelines do not cover this" answer.
/// </summary>
internal sealed class NothingIndexedException(string message) : Exception(message);
