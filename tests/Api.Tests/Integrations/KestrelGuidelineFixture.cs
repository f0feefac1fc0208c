using Meditron.Core.Access;

namespace Meditron.Api.Tests.Integrations;

/// <summary>
/// The API on real Kestrel (a loopback port) with the current pneumonia guideline and the cholera guideline indexed,
/// answering with the extractive engine: what the protocol clients (OpenAI's, Dify's requests) talk to.
/// </summary>
public sealed class KestrelGuidelineFixture : IAsyncLifetime
{
    public const string PneumoniaKey = "pneumonia-children";
    public const string CholeraKey = "cholera";

    public ApiFactory Factory { get; } = ApiFactory.With(new Dictionary<string, string?> { ["Generation:Engine"] = "Extractive" });

    /// <summary>The server's address, http://127.0.0.1:PORT/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A key with the ask scope only.</summary>
    public string AskKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        using (var factoryClient = Factory.CreateClient())
        {
            BaseAddress = factoryClient.BaseAddress!;
        }
        using var admin = new HttpClient { BaseAddress = BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Api-Key", await Factory.CreateKeyAsync([.. ApiScopes.All]));
        await DocumentCalls.UploadAndWaitAsync(admin, GuidelineFixture.Pneumonia2024, "pneumonia-2024.pdf", new Dictionary<string, string>
        {
            ["guideline"] = PneumoniaKey, ["edition"] = "2024", ["year"] = "2024", ["publisher"] = "WHO", ["title"] = "Pneumonia in children",
        });
        await DocumentCalls.UploadAndWaitAsync(admin, GuidelineFixture.Cholera, "cholera.pdf", new Dictionary<string, string>
        {
            ["guideline"] = CholeraKey, ["edition"] = "2017", ["publisher"] = "MSF", ["title"] = "Cholera treatment",
        });
        AskKey = await Factory.CreateKeyAsync(ApiScopes.Ask);
    }

    /// <summary>A plain HttpClient to the Kestrel address, without any key.</summary>
    public HttpClient PlainClient() => new() { BaseAddress = BaseAddress };

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class KestrelGuidelineCollection : ICollectionFixture<KestrelGuidelineFixture>
{
    public const string Name = "kestrel-guidelines";
}
