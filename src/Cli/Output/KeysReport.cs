namespace Meditron.Cli.Output;

/// <summary>The JSON printed by `meditron keys create --json`: the only time the key itself is shown.</summary>
internal sealed record KeyCreatedReport(string Name, IReadOnlyList<string> Scopes, string Prefix, DateTimeOffset CreatedAt, string Key);

/// <summary>The JSON printed by `meditron keys list --json`; never a key's secret or hash.</summary>
internal sealed record KeysReport(IReadOnlyList<KeyEntry> Keys);

internal sealed record KeyEntry(string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

/// <summary>The JSON printed by `meditron keys revoke NAME --json`.</summary>
internal sealed record KeyRevokedReport(string Name, bool Revoked);
