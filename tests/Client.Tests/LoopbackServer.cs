using Meditron.Api.Tests;
using Meditron.Client;
using Meditron.Client.Models;
using Meditron.Core.Access;
using Meditron.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Meditron.Client.Tests;

/// <summary>
/// The real API on Kestrel (loopback, a free port) in the embedded shape, with two small guidelines uploaded through the
/// typed client and indexed; the tests reach it only through <see cref="MeditronClient"/>, as a bot would.
/// </summary>
public sealed class LoopbackServer : IAsyncLifetime
{
    public static readonly byte[] Pneumonia = SmallPdfs.Guideline("Pneumonia in children (2024)",
        "Fast breathing pneumonia: give oral amoxicillin 40 mg/kg twice daily for 3 days.",
        "Children with chest indrawing without danger signs are treated with amoxicillin at home.");

    public static readonly byte[] Cholera = SmallPdfs.Guideline("Cholera treatment",
        "Severe dehydration from cholera: give Ringer lactate intravenously, 100 ml/kg over 3 hours in adults.",
        "Give oral rehydration salts as soon as the patient can drink.");

    private readonly List<HttpClient> _http = [];

    public ApiFactory Api { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A client whose key has every scope (ask, ingest, admin).</summary>
    public MeditronClient Admin { get; private set; } = null!;

    public string PneumoniaId { get; private set; } = "";

    public string CholeraId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Api.UseKestrel(0);
        using (var factoryClient = Api.CreateClient()) // starts Kestrel; its base address is the real port
        {
            BaseAddress = factoryClient.BaseAddress!;
        }
        Admin = await ClientWithScopesAsync([.. ApiScopes.All]);
        PneumoniaId = await UploadAndWaitAsync(Pneumonia, "pneumonia-2024.pdf",
            new UploadMetadata { Guideline = "pneumonia-children", Edition = "2024", Year = 2024, Publisher = "WHO", Title = "Pneumonia in children" });
        CholeraId = await UploadAndWaitAsync(Cholera, "cholera.pdf",
            new UploadMetadata { Guideline = "cholera", Edition = "2017", Publisher = "MSF", Title = "Cholera treatment", Language = "en" });
    }

    /// <summary>A typed client over a plain HttpClient to the Kestrel address, with a new key of these scopes.</summary>
    public async Task<MeditronClient> ClientWithScopesAsync(params string[] scopes)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        _http.Add(http);
        return new MeditronClient(http, await Api.CreateKeyAsync(scopes));
    }

    private async Task<string> UploadAndWaitAsync(byte[] pdf, string fileName, UploadMetadata metadata)
    {
        using var content = new MemoryStream(pdf);
        var accepted = await Admin.UploadAsync(content, fileName, metadata);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await Admin.WaitForIndexedAsync(accepted.DocumentId, TimeSpan.FromMilliseconds(200), timeout.Token);
        return accepted.DocumentId;
    }

    public async Task DisposeAsync()
    {
        _http.ForEach(h => h.Dispose());
        await Api.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LoopbackCollection : ICollectionFixture<LoopbackServer>
{
    public const string Name = "loopback server";
}
