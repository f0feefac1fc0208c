using Meditron.Application.Access;
using Meditron.Core.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Api.Tests;

/// <summary>
/// The API in memory (WebApplicationFactory over the real Program), in the embedded shape, over a data directory of
/// its own: real SQLite store, real ONNX embeddings, the in-process ingestion worker. Settings may be added per factory.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ApiFactory() : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>One public constructor only: xunit builds class fixtures from it. Settings come through <see cref="With"/>.</summary>
    protected ApiFactory(IReadOnlyDictionary<string, string?> settings)
    {
        // A data directory given in the settings belongs to the caller (another factory's, say); otherwise a fresh one.
        _ownsDirectory = !settings.TryGetValue("Data:Directory", out var given) || given is null;
        DataDirectory = _ownsDirectory ? Directory.CreateTempSubdirectory("meditron-api-").FullName : given!;
        _settings = new Dictionary<string, string?>(settings) { ["Data:Directory"] = DataDirectory };
    }

    private readonly bool _ownsDirectory;

    public string DataDirectory { get; }

    /// <summary>An API with these configuration settings (Api:RequestsPerSecond, Generation:Engine, ...).</summary>
    public static ApiFactory With(IReadOnlyDictionary<string, string?> settings) => new Configured(settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that sends a new key with these scopes.</summary>
    public async Task<HttpClient> ClientWithScopesAsync(params string[] scopes)
    {
        var client = CreateClient();
        if (scopes.Length > 0)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", await CreateKeyAsync(scopes));
        }
        return client;
    }

    public async Task<string> CreateKeyAsync(params string[] scopes)
    {
        var keys = Services.GetRequiredService<ApiKeyService>();
        var (_, secret) = await keys.CreateAsync("test-" + Guid.NewGuid().ToString("N")[..8], scopes, CancellationToken.None);
        return secret;
    }

    public Task<HttpClient> AskClientAsync() => ClientWithScopesAsync(ApiScopes.Ask);

    public Task<HttpClient> AllScopesClientAsync() => ClientWithScopesAsync([.. ApiScopes.All]);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a pooled SQLite connection; the temp cleaner gets it.
            }
        }
    }

    private sealed class Configured(IReadOnlyDictionary<string, string?> settings) : ApiFactory(settings);
}
