using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Meditron.Tests.Support;

namespace Meditron.Api.Tests;

[Collection(GuidelineCollection.Name)]
public sealed class DocumentsApiTests(GuidelineFixture guidelines)
{
    [Fact]
    public async Task A_document_shows_its_metadata_status_and_edition()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        var older = await client.GetFromJsonAsync<JsonElement>($"/v1/documents/{guidelines.Pneumonia2013Id}");
        var newer = await client.GetFromJsonAsync<JsonElement>($"/v1/documents/{guidelines.Pneumonia2024Id}");

        Assert.Equal("indexed", newer.GetProperty("status").GetString());
        Assert.Equal("pneumonia-children", newer.GetProperty("guideline").GetString());
        Assert.Equal("2024", newer.GetProperty("edition").GetString());
        Assert.Equal("WHO", newer.GetProperty("publisher").GetString());
        Assert.Equal("pneumonia-2024.pdf", newer.GetProperty("file").GetString());
        Assert.True(newer.GetProperty("current").GetBoolean());
        Assert.False(older.GetProperty("current").GetBoolean());
        Assert.Equal(1, newer.GetProperty("pages").GetInt32());
    }

    [Fact]
    public async Task The_list_filters_and_pages()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        var who = await client.GetFromJsonAsync<JsonElement>("/v1/documents?publisher=WHO");
        Assert.Equal(2, who.GetProperty("total").GetInt32());
        Assert.All(who.GetProperty("items").EnumerateArray(), d => Assert.Equal("WHO", d.GetProperty("publisher").GetString()));

        var current = await client.GetFromJsonAsync<JsonElement>("/v1/documents?guideline=pneumonia-children&current=true");
        Assert.Equal(guidelines.Pneumonia2024Id, Assert.Single(current.GetProperty("items").EnumerateArray()).GetProperty("documentId").GetString());

        var page = await client.GetFromJsonAsync<JsonElement>("/v1/documents?limit=1&offset=1");
        Assert.True(page.GetProperty("total").GetInt32() >= 3);
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page.GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task Content_supports_range_requests()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/documents/{guidelines.CholeraId}/content");
        request.Headers.Range = new RangeHeaderValue(0, 7);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(GuidelineFixture.Cholera[..8], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(GuidelineFixture.Cholera.Length, response.Content.Headers.ContentRange?.Length);
    }

    [Fact]
    public async Task Uploading_the_same_bytes_again_finds_the_indexed_document()
    {
        using var response = await guidelines.Admin.PostAsync("/v1/documents", DocumentCalls.Upload(GuidelineFixture.Cholera, "cholera-copy.pdf"));
        var body = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(guidelines.CholeraId, body.GetProperty("documentId").GetString());
        Assert.Equal("indexed", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Deleting_the_current_edition_makes_the_previous_one_current_again()
    {
        // A guideline of its own, so the shared ones stay as they are for the other tests.
        var client = guidelines.Admin;
        var fields2019 = new Dictionary<string, string> { ["guideline"] = "measles", ["edition"] = "2019" };
        var fields2023 = new Dictionary<string, string> { ["guideline"] = "measles", ["edition"] = "2023" };
        string older = await DocumentCalls.UploadAndWaitAsync(client, SmallPdfs.Guideline("Measles", "Give vitamin A on two consecutive days (2019)."), "measles-2019.pdf", fields2019);
        string newer = await DocumentCalls.UploadAndWaitAsync(client, SmallPdfs.Guideline("Measles", "Give vitamin A on two consecutive days (2023)."), "measles-2023.pdf", fields2023);
        Assert.False((await client.GetFromJsonAsync<JsonElement>($"/v1/documents/{older}")).GetProperty("current").GetBoolean());

        using var deleted = await client.DeleteAsync($"/v1/documents/{newer}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await ApiAssert.ProblemAsync(await client.GetAsync($"/v1/documents/{newer}"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await client.GetAsync($"/v1/documents/{newer}/content"), HttpStatusCode.NotFound);
        Assert.True((await client.GetFromJsonAsync<JsonElement>($"/v1/documents/{older}")).GetProperty("current").GetBoolean());
        using var search = await client.PostAsJsonAsync("/v1/search", new { query = "vitamin A measles", filters = new { guidelines = new[] { "measles" } } });
        var results = (await ApiAssert.JsonAsync(search, HttpStatusCode.OK)).GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(older, r.GetProperty("documentId").GetString()));

        await ApiAssert.ProblemAsync(await client.DeleteAsync($"/v1/documents/{newer}"), HttpStatusCode.NotFound);
        await client.DeleteAsync($"/v1/documents/{older}");
    }
}
