using Meditron.Core.Access;

namespace Meditron.Core.Ports;

/// <summary>API keys by the hash of their secret (the embedded store now; PostgreSQL for the distributed shape).</summary>
public interface IApiKeyStore
{
    /// <summary>Adds the key.</summary>
    /// <exception cref="ApiKeyNameTakenException">An unrevoked key has the same name.</exception>
    Task CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>The key whose secret has this hash, revoked or not; null when there is none.</summary>
    Task<ApiKeyRecord?> FindByHashAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Every key, revoked ones included, by name (ordinal), then oldest first.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Revokes the active key of that name; false when no active key has it.</summary>
    Task<bool> RevokeAsync(string name, CancellationToken cancellationToken);
}
