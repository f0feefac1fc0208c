using Meditron.Core.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Meditron.Api.Tests.Integrations.Mcp;

/// <summary>
/// The API on real Kestrel (loopback, a free port) over the 2024 pneumonia guideline and the cholera guideline, with
/// every log line kept; MCP clients connect to its /mcp over Streamable HTTP as an agent would.
/// </summary>
public sealed class McpFixture : IAsyncLifetime
{
    public CollectingLoggerProvider Logs { get; } = new();

    public ApiFactory Api { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public string AskKey { get; private set; } = "";

    public string PneumoniaId { get; private set; } = "";

    public McpFixture()
    {
        Api = new LoggedApi(Logs);
        Api.UseKestrel(0);
    }

    public async Task InitializeAsync()
    {
        using var admin = Api.CreateClient(); // starts Kestrel; its base address is the real port
        BaseAddress = admin.BaseAddress!;
        admin.DefaultRequestHeaders.Add("X-Api-Key", await Api.CreateKeyAsync([.. ApiScopes.All]));
        PneumoniaId = await DocumentCalls.UploadAndWaitAsync(admin, GuidelineFixture.Pneumonia2024, "pneumonia-2024.pdf",
            new Dictionary<string, string> { ["guideline"] = "pneumonia-children", ["edition"] = "2024", ["publisher"] = "WHO", ["title"] = "Pneumonia in children" });
        await DocumentCalls.UploadAndWaitAsync(admin, GuidelineFixture.Cholera, "cholera.pdf",
            new Dictionary<string, string> { ["guideline"] = "cholera", ["edition"] = "2017", ["publisher"] = "MSF", ["title"] = "Cholera treatment" });
        AskKey = await Api.CreateKeyAsync(ApiScopes.Ask);
    }

    /// <summary>The revision that today's agents speak, with the initialize handshake (the newest drops it).</summary>
    public const string InitializeRevision = "2025-11-25";

    /// <summary>
    /// An MCP client over Streamable HTTP that sends this API key (none: no key header at all); it speaks this protocol
    /// revision, or by default the newest and falls back as the server answers.
    /// </summary>
    public Task<McpClient> ConnectAsync(string? apiKey, string? protocolVersion = InitializeRevision)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(BaseAddress, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = apiKey is null ? null : new Dictionary<string, string> { ["X-Api-Key"] = apiKey },
        });
        return McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion });
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();

    private sealed class LoggedApi(CollectingLoggerProvider logs) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        }
    }
}
