using Meditron.Core.Access;
using Meditron.Core.Ports;

namespace Meditron.Application.Tests.Access;

/// <summary>Keeps keys in a list, so a test sees exactly what the service stored and how often it looked one up.</summary>
internal sealed class InMemoryApiKeyStore(TimeProvider clock) : IApiKeyStore
{
    public List<ApiKeyRecord> Keys { get; } = [];

    public int Lookups { get; private set; }

    public Task CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        if (Keys.Any(k => k.Name == key.Name && !k.IsRevoked))
        {
            throw ApiKeyNameTakenException.For(key.Name);
        }
        Keys.Add(key);
        return Task.CompletedTask;
    }

    public Task<ApiKeyRecord?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        Lookups++;
        return Task.FromResult(Keys.FirstOrDefault(k => k.Hash == hash));
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApiKeyRecord>>(Keys.OrderBy(k => k.Name, StringComparer.Ordinal).ToList());

    public Task<bool> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        int i = Keys.FindIndex(k => k.Name == name && !k.IsRevoked);
        if (i < 0)
        {
            return Task.FromResult(false);
        }
        Keys[i] = Keys[i] with { RevokedAt = clock.GetUtcNow() };
        return Task.FromResult(true);
    }
}
