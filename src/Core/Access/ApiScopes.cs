namespace Meditron.Core.Access;

/// <summary>
/// What an API key may do. Scopes are independent: admin does not imply ask, so a key that manages keys
/// cannot read guidelines unless it was given ask too.
/// </summary>
public static class ApiScopes
{
    /// <summary>Ask, search, read documents and answers, and rate answers.</summary>
    public const string Ask = "ask";

    /// <summary>Upload documents.</summary>
    public const string Ingest = "ingest";

    /// <summary>Delete documents, manage keys and read clinicians' feedback.</summary>
    public const string Admin = "admin";

    /// <summary>Every scope, in the order they are shown.</summary>
    public static IReadOnlyList<string> All { get; } = [Ask, Ingest, Admin];
}
