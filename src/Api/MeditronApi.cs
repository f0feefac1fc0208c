using Meditron.Api.Extensions;
using Meditron.Application.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace Meditron.Api;

/// <summary>Builds the REST API application: configuration, services (<see cref="ApiServices"/>) and endpoints (<see cref="ApiEndpoints"/>).</summary>
public static class MeditronApi
{
    /// <summary>
    /// Configuration the .NET way, as every Meditron host reads it: appsettings.json next to the executable, environment
    /// variables (MEDITRON_ prefixed ones too: MEDITRON_Index__Provider), the command line, then <paramref name="overrides"/>
    /// (the flags of `meditron serve`). The data directory is resolved like the CLI's (--data, $MEDITRON_DATA, ./data).
    /// </summary>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        // The content root comes from the arguments (--contentRoot, as `meditron serve` and WebApplicationFactory give it):
        // a ContentRootPath set here as well would conflict with the factory's.
        var builder = WebApplication.CreateBuilder(args);
        // One audit line per request replaces ASP.NET Core's own request lines (which carry the query string).
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Logs on stderr, as for every `meditron` command: stdout carries only `serve --json`'s addresses.
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Configuration
            .AddEnvironmentVariables("MEDITRON_")
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        MeditronConfiguration.ResolveDataDirectory(builder.Configuration, overrides?.GetValueOrDefault("Data:Directory"));

        builder.AddMeditronApi();
        var app = builder.Build();
        app.MapMeditronApi();
        return app;
    }
}
