using System.Net;
using Meditron.Client.Models;
using Meditron.Core.Access;
using Meditron.Tests.Support;

namespace Meditron.Client.Tests;

/// <summary>The typed client against the real API on loopback.</summary>
[Collection(LoopbackCollection.Name)]
public sealed class MeditronClientTests(LoopbackServer server)
{
    private const string Question = "How many days of amoxicillin for fast breathing pneumonia in a child?";

    [Fact]
    public async Task Ask_gives_the_cited_answer_with_page_links()
    {
        var client = await server.ClientWithScopesAsync(ApiScopes.Ask);

        var answer = await client.AskAsync(new AskQuestion { Question = Question, Engine = "extractive" });

        Assert.False(answer.Abstained);
        var citation = Assert.Single(answer.Citations, c => c.DocumentId == server.PneumoniaId);
        Assert.Equal("Pneumonia in children", citation.Title);
        Assert.Equal("2024", citation.Edition);
        Assert.Equal(1, citation.Page);
        Assert.Contains("3 days", citation.Quote, StringComparison.Ordinal);
        Assert.Equal(new Uri(server.BaseAddress, $"/v1/documents/{server.PneumoniaId}/content#page=1").ToString(), citation.Url);
        Assert.Contains($"[{citation.N}]", answer.Answer, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(answer.Model));
    }

    [Fact]
    public async Task Ask_outside_the_guidelines_is_an_abstention()
    {
        var client = await server.ClientWithScopesAsync(ApiScopes.Ask);

        var answer = await client.AskAsync(new AskQuestion { Question = "Which spacecraft landed on Titan in 2005?" });

        Assert.True(answer.Abstained);
        Assert.NotNull(answer.Reason);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task Stream_gives_draft_deltas_then_the_checked_answer_last()
    {
        var client = await server.ClientWithScopesAsync(ApiScopes.Ask);

        var events = new List<AnswerStreamEvent>();
        await foreach (var e in client.StreamAsync(new AskQuestion { Question = Question, Engine = "extractive" }))
        {
            events.Add(e);
        }

        Assert.Contains(events, e => !string.IsNullOrEmpty(e.Delta));
        Assert.All(events.SkipLast(1), e => Assert.Null(e.Answer));
        var answer = events[^1].Answer;
        Assert.NotNull(answer);
        Assert.False(answer.Abstained);
        Assert.Contains(answer.Citations, c => c.DocumentId == server.PneumoniaId && c.Url!.EndsWith("#page=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_gives_ranked_cited_passages_within_the_filters()
    {
        var client = await server.ClientWithScopesAsync(ApiScopes.Ask);

        var all = await client.SearchAsync(new SearchQuery { Query = "oral rehydration salts", TopK = 3 });
        var pneumoniaOnly = await client.SearchAsync(new SearchQuery { Query = "oral rehydration salts", Filters = new GuidelineFilters { Guidelines = ["pneumonia-children"] } });

        Assert.Equal("oral rehydration salts", all.Query);
        var top = all.Results[0];
        Assert.Equal(1, top.Rank);
        Assert.Equal(server.CholeraId, top.DocumentId);
        Assert.Equal("2017", top.Edition);
        Assert.Contains("oral rehydration salts", top.Text, StringComparison.Ordinal);
        Assert.EndsWith($"/v1/documents/{server.CholeraId}/content#page=1", top.Url, StringComparison.Ordinal);
        Assert.True(all.Results.Count <= 3);
        Assert.All(pneumoniaOnly.Results, r => Assert.Equal(server.PneumoniaId, r.DocumentId));
    }

    [Fact]
    public async Task Documents_are_listed_with_filters_and_read_one_by_one()
    {
        var client = await server.ClientWithScopesAsync(ApiScopes.Ask);

        var list = await client.ListDocumentsAsync(new DocumentListQuery { Guideline = "cholera", Current = true });
        var document = await client.GetDocumentAsync(server.PneumoniaId);

        var cholera = Assert.Single(list.Items);
        Assert.Equal(1, list.Total);
        Assert.Equal(server.CholeraId, cholera.DocumentId);
        Assert.Equal("MSF", cholera.Publisher);
        Assert.Equal(DocumentStatuses.Indexed, cholera.Status);
        Assert.NotNull(document);
        Assert.Equal("pneumonia-children", document.Guideline);
        Assert.Equal(2024, document.Year);
        Assert.True(document.Current);
        Assert.True(document.Chunks > 0);
        Assert.Null(await client.GetDocumentAsync("0123456789abcdef"));
    }

    [Fact]
    public async Task Upload_then_wait_for_indexed_makes_the_guideline_searchable()
    {
        var client = await server.ClientWithScopesAsync(ApiScopes.Ask, ApiScopes.Ingest);
        byte[] malaria = SmallPdfs.Guideline("Severe malaria", "Give artesunate intravenously for severe malaria, at least three doses.");

        using var pdf = new MemoryStream(malaria);
        var accepted = await client.UploadAsync(pdf, "severe-malaria.pdf", new UploadMetadata { Guideline = "malaria", Edition = "2022", Publisher = "WHO" });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var indexed = await client.WaitForIndexedAsync(accepted.DocumentId, TimeSpan.FromMilliseconds(200), timeout.Token);

        Assert.Equal("queued", accepted.Status);
        Assert.Equal($"/v1/documents/{accepted.DocumentId}", accepted.StatusUrl);
        Assert.Equal(DocumentStatuses.Indexed, indexed.Status);
        Assert.Equal("malaria", indexed.Guideline);
        Assert.Equal("2022", indexed.Edition);
        var found = await client.SearchAsync(new SearchQuery { Query = "artesunate severe malaria", Filters = new GuidelineFilters { Guidelines = ["malaria"] } });
        Assert.Equal(accepted.DocumentId, found.Results[0].DocumentId);
    }

    [Fact]
    public async Task Errors_come_as_exceptions_carrying_the_problem_details()
    {
        var client = await server.ClientWithScopesAsync(ApiScopes.Ask);

        var invalid = await Assert.ThrowsAsync<MeditronApiException>(() => client.AskAsync(new AskQuestion { Question = " " }));
        using var pdf = new MemoryStream(LoopbackServer.Cholera);
        var forbidden = await Assert.ThrowsAsync<MeditronApiException>(() => client.UploadAsync(pdf, "cholera.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True(invalid.Errors.ContainsKey("question"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("Scope missing", forbidden.Title);
    }
}
