using Meditron.Application.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Meditron.Application.Tests;

/// <summary>The services a host gets from <see cref="MeditronServices.AddMeditron"/>, over a data directory of its own.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _data;

    private TestHost(IHost host, string data)
    {
        _host = host;
        _data = data;
    }

    public IServiceProvider Services => _host.Services;

    public static async Task<TestHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        string data = Directory.CreateTempSubdirectory("meditron-app-").FullName;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Directory"] = data });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddLogging();
        builder.Services.AddMeditron(builder.Configuration);
        replace?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestHost(host, data);
    }

    public string File(string name) => Path.Combine(_data, name);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pooled SQLite connection; the temp cleaner gets it.
        }
    }
}
