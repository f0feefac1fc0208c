using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meditron.Api.Tests.Integrations.CdsHooks;

/// <summary>
/// The API on real Kestrel (loopback) with the extractive engine, over one small pneumonia guideline that states an
/// amoxicillin dose range and duration for children; every log line is kept, for the privacy checks.
/// </summary>
public sealed class CdsHooksFixture : IAsyncLifetime
{
    public const string Title = "Pneumonia in children";
    public const string Edition = "2024";

    public static readonly byte[] Guideline = SmallPdfs.Guideline(Title,
        "Pneumonia in a child: give oral amoxicillin 40 to 50 mg/kg twice daily for 5 days.",
        "Refer urgently any child with chest indrawing and danger signs.");

    public CollectingLoggerProvider Logs { get; } = new();

    public ApiFactory Factory { get; private set; } = null!;

    public string GuidelineId { get; private set; } = "";

    /// <summary>The API's Kestrel address.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new LoggedApi(Logs);
        Factory.UseKestrel(0);
        using var admin = await Factory.AllScopesClientAsync();
        BaseUrl = admin.BaseAddress!;
        GuidelineId = await DocumentCalls.UploadAndWaitAsync(admin, Guideline, "pneumonia-children.pdf", new Dictionary<string, string>
        {
            ["guideline"] = "pneumonia-children",
            ["edition"] = Edition,
            ["year"] = Edition,
            ["publisher"] = "WHO",
            ["title"] = Title,
        });
    }

    /// <summary>A plain HttpClient to the Kestrel address with a key of these scopes (none: no key).</summary>
    public async Task<HttpClient> ClientAsync(params string[] scopes)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        if (scopes.Length > 0)
        {
            // Sent as X-Api-Key; Authorization: Bearer is the same key (see the API key handler).
            client.DefaultRequestHeaders.Add("X-Api-Key", await Factory.CreateKeyAsync(scopes));
        }
        return client;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    private sealed class LoggedApi(CollectingLoggerProvider logs) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Generation:Engine", "Extractive");
            // The FHIR doubles listen on loopback, any port.
            builder.UseSetting("CdsHooks:AllowedFhirServers:0", "http://127.0.0.1");
            builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        }
    }
}
