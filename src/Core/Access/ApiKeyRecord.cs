namespace Meditron.Core.Access;

/// <summary>
/// One API key as stored: its name, scopes and the SHA-256 of its secret. The secret itself is shown once, when the
/// key is created, and never stored.
/// </summary>
public sealed record ApiKeyRecord
{
    /// <summary>The operator's name for the key (unique among unrevoked keys).</summary>
    public required string Name { get; init; }

    /// <summary>Lowercase hex SHA-256 of the secret: what a presented key is looked up by.</summary>
    public required string Hash { get; init; }

    /// <summary>What the key may do (<see cref="ApiScopes"/>); each scope stands alone.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>The first 12 characters of the secret, shown in lists so an operator can tell keys apart.</summary>
    public required string Prefix { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key was revoked; null while it is active.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>When the key was last accepted, where a host records it; null otherwise.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    public bool IsRevoked => RevokedAt is not null;
}
