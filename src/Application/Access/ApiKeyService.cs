using Meditron.Core.Access;
using Meditron.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Meditron.Application.Access;

/// <summary>
/// Creates, checks, lists and revokes API keys. Only the SHA-256 of a secret is stored; the secret is returned
/// once, by <see cref="CreateAsync"/>, and never logged.
/// </summary>
public sealed partial class ApiKeyService(IApiKeyStore store, TimeProvider clock, ILogger<ApiKeyService> logger)
{
    /// <summary>Longer than any secret this service makes (47 characters): such a value is refused without hashing it.</summary>
    private const int MaxPresentedLength = 256;

    /// <summary>Makes a key with a new random secret and stores its hash.</summary>
    /// <returns>The stored record and the secret, which cannot be recovered later.</returns>
    /// <exception cref="ArgumentException">The name or a scope is not allowed (<see cref="ApiKeyRules"/>).</exception>
    /// <exception cref="ApiKeyNameTakenException">An unrevoked key has the name.</exception>
    public async Task<(ApiKeyRecord Record, string Secret)> CreateAsync(string name, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var given = scopes?.ToList();
        if (ApiKeyRules.NameError(name) is { } nameError)
        {
            throw new ArgumentException(nameError, nameof(name));
        }
        if (ApiKeyRules.ScopesError(given) is { } scopesError)
        {
            throw new ArgumentException(scopesError, nameof(scopes));
        }

        string secret = ApiKeySecrets.Generate();
        var record = new ApiKeyRecord
        {
            Name = name,
            Hash = ApiKeySecrets.Hash(secret),
            Scopes = ApiKeyRules.Normalize(given!),
            Prefix = ApiKeySecrets.PrefixOf(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        await store.CreateAsync(record, cancellationToken);
        LogCreated(record.Name, record.Prefix, record.Scopes);
        return (record, secret);
    }

    /// <summary>The active key whose secret was presented; null for nothing, an unknown secret or a revoked key.</summary>
    /// <remarks>
    /// The key is found by the hash of what was presented, so no stored value is compared with the secret: a lookup
    /// that takes longer for some hashes tells a caller nothing about any secret.
    /// </remarks>
    public async Task<ApiKeyRecord?> AuthenticateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxPresentedLength)
        {
            return null;
        }
        var key = await store.FindByHashAsync(ApiKeySecrets.Hash(presented), cancellationToken);
        if (key is null)
        {
            LogUnknown();
            return null;
        }
        if (key.IsRevoked)
        {
            LogRevokedPresented(key.Name);
            return null;
        }
        return key;
    }

    /// <summary>Every key, revoked ones included, by name.</summary>
    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>Revokes the active key of that name; false when no active key has it.</summary>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        bool revoked = await store.RevokeAsync(name, cancellationToken);
        if (revoked)
        {
            LogRevoked(name);
        }
        return revoked;
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "API key {Name} created (prefix {Prefix}, scopes {Scopes})")]
    private partial void LogCreated(string name, string prefix, IReadOnlyList<string> scopes);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Information, Message = "API key {Name} revoked")]
    private partial void LogRevoked(string name);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Debug, Message = "An unknown API key was presented")]
    private partial void LogUnknown();

    [LoggerMessage(EventId = 7304, Level = LogLevel.Debug, Message = "Revoked API key {Name} was presented")]
    private partial void LogRevokedPresented(string name);
}
