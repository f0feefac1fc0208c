using Meditron.Tests.Support;

namespace Meditron.Api.Tests;

/// <summary>
/// One API over two editions of a small pneumonia guideline and one cholera guideline, uploaded through
/// POST /v1/documents and indexed by the in-process worker; shared by the tests that read (ask, search, documents).
/// </summary>
public sealed class GuidelineFixture : IAsyncLifetime
{
    public static readonly byte[] Pneumonia2013 = SmallPdfs.Guideline("Pneumonia in children (2013)",
        "Fast breathing pneumonia: give oral amoxicillin 40 mg/kg twice daily for 5 days.",
        "Refer urgently any child with chest indrawing and danger signs.");

    public static readonly byte[] Pneumonia2024 = SmallPdfs.Guideline("Pneumonia in children (2024)",
        "Fast breathing pneumonia: give oral amoxicillin 40 mg/kg twice daily for 3 days.",
        "Children with chest indrawing without danger signs are treated with amoxicillin at home.");

    public static readonly byte[] Cholera = SmallPdfs.Guideline("Cholera treatment",
        "Severe dehydration from cholera: give Ringer lactate intravenously, 100 ml/kg over 3 hours in adults.",
        "Give oral rehydration salts as soon as the patient can drink.");

    public ApiFactory Factory { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public string Pneumonia2013Id { get; private set; } = "";

    public string Pneumonia2024Id { get; private set; } = "";

    public string CholeraId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Admin = await Factory.AllScopesClientAsync();
        Pneumonia2013Id = await DocumentCalls.UploadAndWaitAsync(Admin, Pneumonia2013, "pneumonia-2013.pdf", Fields("pneumonia-children", "2013"));
        Pneumonia2024Id = await DocumentCalls.UploadAndWaitAsync(Admin, Pneumonia2024, "pneumonia-2024.pdf", Fields("pneumonia-children", "2024"));
        CholeraId = await DocumentCalls.UploadAndWaitAsync(Admin, Cholera, "cholera.pdf",
            new Dictionary<string, string> { ["guideline"] = "cholera", ["edition"] = "2017", ["publisher"] = "MSF", ["language"] = "en" });
    }

    private static Dictionary<string, string> Fields(string guideline, string edition) => new()
    {
        ["guideline"] = guideline,
        ["edition"] = edition,
        ["year"] = edition,
        ["publisher"] = "WHO",
        ["title"] = "Pneumonia in children",
    };

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class GuidelineCollection : ICollectionFixture<GuidelineFixture>
{
    public const string Name = "guidelines";
}
