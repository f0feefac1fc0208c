using Meditron.Application.Extensions;
using Meditron.Core.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Meditron.Cli.Hosting;

/// <summary>
/// Builds the process's services the .NET way: appsettings.json next to the executable, then
/// environment variables prefixed MEDITRON_ (MEDITRON_Index__Provider), then the command's flags.
/// Logs go to stderr so that stdout stays clean for --json.
/// </summary>
internal static class MeditronHost
{
    public static async Task<IHost> StartAsync(
        string? dataDirectory,
        bool verbose,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? overrides = null,
        StoreAccess access = StoreAccess.ReadWrite,
        Action<IServiceCollection, IConfiguration>? addRole = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables("MEDITRON_");
        string data = MeditronConfiguration.ResolveDataDirectory(builder.Configuration, dataDirectory);
        builder.Configuration.AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());

        builder.Logging.AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning)
            // A failed start (invalid options) is reported once, as one line, by Program.
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", verbose ? LogLevel.Warning : LogLevel.None);

        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddMeditron(builder.Configuration);
        addRole?.Invoke(builder.Services, builder.Configuration);

        var host = builder.Build();
        await host.StartAsync(cancellationToken); // validates options (ValidateOnStart); opens no store
        // Shared state in PostgreSQL has no file to look for; what it holds is checked below all the same.
        bool embeddedState = StorageOptions.ProviderFrom(builder.Configuration[StorageOptions.ProviderKey]) == StorageProvider.Embedded;
        if (access != StoreAccess.ReadWrite && embeddedState)
        {
            StoreGuard.RequireStore(data); // before the first query would create it
        }
        if (access == StoreAccess.ReadIndexed)
        {
            await StoreGuard.RequireIndexedAsync(host.Services, embeddedState ? data : null, cancellationToken);
        }
        return host;
    }
}
