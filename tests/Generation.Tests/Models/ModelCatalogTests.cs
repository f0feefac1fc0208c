using Meditron.Generation.Models;

namespace Meditron.Generation.Tests.Models;

public sealed class ModelCatalogTests
{
    [Theory]
    [InlineData("meditron-7b", "TheBloke/meditron-7B-GGUF", "meditron-7b.Q4_K_M.gguf", 2048, PromptFormats.Completion)]
    [InlineData("meditron-70b", "TheBloke/meditron-70B-GGUF", "meditron-70b.Q4_K_M.gguf", 4096, PromptFormats.Completion)]
    [InlineData("MEDITRON3-8B", "OpenMeditron/Meditron3-8B", null, 8192, PromptFormats.Llama3)]
    public void Default_catalog_has_the_Meditron_builds(string name, string repository, string? file, int context, string format)
    {
        var entry = ModelCatalog.Default.Get(name);

        Assert.Equal(repository, entry.Repository);
        Assert.Equal(file, entry.File);
        Assert.Equal(context, entry.ContextLength);
        Assert.Equal(format, entry.PromptFormat);
        Assert.True(entry.ApproximateBytes > 0);
    }

    [Fact]
    public async Task Pulling_a_model_without_a_published_gguf_says_so()
    {
        using var http = new HttpClient();
        var downloader = new ModelDownloader(http, ModelCatalog.Default,
            Microsoft.Extensions.Options.Options.Create(new ModelDownloaderOptions { BaseUrl = "http://127.0.0.1:9" }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ModelDownloader>.Instance);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => downloader.PullAsync("meditron3-8b", Path.GetTempPath()));
        Assert.Contains("no GGUF", e.Message);
    }
}
