using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Meditron.Api.Health;

/// <summary>
/// `meditron worker ROLE --health-urls URL`: /healthz (the process is up) and /readyz (the consumer is up, the broker and
/// the store answer) on a small HTTP listener of the worker's own, for Kubernetes probes. Only these two routes: the
/// worker serves no API, so nothing else is exposed on that port.
/// </summary>
public sealed class WorkerHealthEndpoint(string urls, HealthCheckService checks) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses bound once started (port 0 resolved).</summary>
    public IReadOnlyCollection<string> Addresses =>
        _app?.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // An empty builder: no appsettings, no environment-driven ASP.NET settings, no logging providers of its own.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/healthz", (HttpContext context) =>
            HealthResponse.WriteAsync(context, new HealthReport(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero)));
        app.MapGet("/readyz", async (HttpContext context) =>
        {
            var report = await checks.CheckHealthAsync(c => c.Tags.Contains(WorkerHealthServices.Ready), context.RequestAborted);
            await HealthResponse.WriteAsync(context, report);
        });
        await app.StartAsync(cancellationToken);
        _app = app;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
