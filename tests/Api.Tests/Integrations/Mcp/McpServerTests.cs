using System.Net;
using System.Text.Json;
using Meditron.Core.Access;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Meditron.Api.Tests.Integrations.Mcp;

/// <summary>The MCP server at /mcp, through the MCP C# client over Streamable HTTP on real Kestrel.</summary>
public sealed class McpServerTests(McpFixture server) : IClassFixture<McpFixture>
{
    private const string Question = "How many days of amoxicillin for fast breathing pneumonia in a child?";

    [Fact]
    public async Task Initialize_then_tools_list_gives_the_three_guideline_tools_with_descriptions_and_schemas()
    {
        await using var client = await server.ConnectAsync(server.AskKey);
        Assert.Equal(McpFixture.InitializeRevision, client.NegotiatedProtocolVersion);
        Assert.Equal("meditron-guidelines", client.ServerInfo?.Name);

        var tools = (await client.ListToolsAsync()).ToDictionary(t => t.Name);

        Assert.Equal(["ask_guidelines", "list_guidelines", "search_guidelines"], tools.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("[n]", tools["ask_guidelines"].Description, StringComparison.Ordinal);
        Assert.Contains("do not cover", tools["ask_guidelines"].Description, StringComparison.Ordinal);
        Assert.All(tools.Values, t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint, t.Name));
        Assert.All(tools.Values, t => Assert.NotNull(t.ProtocolTool.OutputSchema));

        var ask = tools["ask_guidelines"].JsonSchema;
        Assert.Equal(["question"], ask.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var search = tools["search_guidelines"].JsonSchema;
        Assert.Equal(["query"], search.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(search.GetProperty("properties").TryGetProperty("filters", out _));
        var answerSchema = tools["ask_guidelines"].ProtocolTool.OutputSchema!.Value.GetProperty("properties");
        Assert.True(answerSchema.TryGetProperty("citations", out _), answerSchema.ToString());
    }

    [Theory]
    [InlineData(McpFixture.InitializeRevision)]
    [InlineData(null)] // the client's newest revision (no initialize handshake)
    public async Task Ask_guidelines_answers_with_cited_text_and_the_citations_as_structured_content(string? protocolVersion)
    {
        await using var client = await server.ConnectAsync(server.AskKey, protocolVersion);

        var result = await client.CallToolAsync("ask_guidelines", new Dictionary<string, object?> { ["question"] = Question });

        Assert.NotEqual(true, result.IsError);
        var answer = Structured(result);
        Assert.False(answer.GetProperty("abstained").GetBoolean(), answer.ToString());
        var citation = Assert.Single(answer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("documentId").GetString() == server.PneumoniaId);
        Assert.Equal("2024", citation.GetProperty("edition").GetString());
        Assert.Equal(1, citation.GetProperty("page").GetInt32());
        Assert.Contains("3 days", citation.GetProperty("quote").GetString(), StringComparison.Ordinal);
        Assert.Equal(new Uri(server.BaseAddress, $"/v1/documents/{server.PneumoniaId}/content#page=1").ToString(), citation.GetProperty("url").GetString());

        string text = Text(result);
        int n = citation.GetProperty("n").GetInt32();
        Assert.StartsWith(answer.GetProperty("answer").GetString()!, text, StringComparison.Ordinal);
        Assert.Contains($"[{n}]", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Contains($"Sources:\n[{n}] Pneumonia in children, edition 2024, page 1", text, StringComparison.Ordinal);
        Assert.Contains(citation.GetProperty("url").GetString()!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_the_guidelines_do_not_cover_is_an_abstention_in_the_result_not_an_error()
    {
        await using var client = await server.ConnectAsync(server.AskKey);

        var result = await client.CallToolAsync("ask_guidelines", new Dictionary<string, object?> { ["question"] = "Which spacecraft landed on Titan in 2005?" });

        Assert.NotEqual(true, result.IsError);
        var answer = Structured(result);
        Assert.True(answer.GetProperty("abstained").GetBoolean(), answer.ToString());
        Assert.Empty(answer.GetProperty("citations").EnumerateArray());
        Assert.Contains("do not cover", Text(result), StringComparison.Ordinal);
        Assert.DoesNotContain("Sources:", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_guidelines_gives_cited_passages_and_honours_the_filters()
    {
        await using var client = await server.ConnectAsync(server.AskKey);

        var all = await client.CallToolAsync("search_guidelines", new Dictionary<string, object?> { ["query"] = "oral rehydration salts" });
        var cholera = await client.CallToolAsync("search_guidelines", new Dictionary<string, object?>
        {
            ["query"] = "amoxicillin",
            ["filters"] = new Dictionary<string, object?> { ["guidelines"] = new[] { "cholera" } },
        });

        var top = Structured(all).GetProperty("results").EnumerateArray().First();
        Assert.Equal("Cholera treatment", top.GetProperty("title").GetString());
        Assert.Contains("oral rehydration salts", top.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("#page=1", top.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains("[1] Cholera treatment, edition 2017, page 1", Text(all), StringComparison.Ordinal);
        Assert.All(Structured(cholera).GetProperty("results").EnumerateArray(), r => Assert.Equal("Cholera treatment", r.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task List_guidelines_names_the_current_edition_of_each_guideline()
    {
        await using var client = await server.ConnectAsync(server.AskKey);

        var result = await client.CallToolAsync("list_guidelines");

        var guidelines = Structured(result).GetProperty("guidelines").EnumerateArray().ToList();
        Assert.Equal(["cholera", "pneumonia-children"], guidelines.Select(g => g.GetProperty("guideline").GetString()));
        var pneumonia = guidelines[1];
        Assert.Equal("2024", pneumonia.GetProperty("edition").GetString());
        Assert.Equal("WHO", pneumonia.GetProperty("publisher").GetString());
        Assert.Equal(server.PneumoniaId, pneumonia.GetProperty("documentId").GetString());
        Assert.Contains("- pneumonia-children: Pneumonia in children, WHO, edition 2024", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_question_is_a_tool_error_the_agent_can_read()
    {
        await using var client = await server.ConnectAsync(server.AskKey);

        var result = await client.CallToolAsync("ask_guidelines", new Dictionary<string, object?> { ["question"] = " " });

        Assert.True(result.IsError);
        Assert.Contains("question", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_api_key_the_connection_is_refused_with_401()
    {
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => server.ConnectAsync(apiKey: null));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_ask_scope_is_refused_with_403()
    {
        string ingestOnly = await server.Api.CreateKeyAsync(ApiScopes.Ingest);
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => server.ConnectAsync(ingestOnly));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task No_question_or_answer_text_is_logged_above_debug()
    {
        const string secret = "Patient Okapi-Marmalade: amoxicillin days for fast breathing pneumonia?";
        await using var client = await server.ConnectAsync(server.AskKey);

        var result = await client.CallToolAsync("ask_guidelines", new Dictionary<string, object?> { ["question"] = secret });

        string answer = Structured(result).GetProperty("answer").GetString()!;
        var visible = server.Logs.Entries.Where(e => e.Level > LogLevel.Debug).ToList();
        Assert.Contains(visible, e => e.Message.Contains("POST /mcp", StringComparison.Ordinal)); // the audit line, without the body
        Assert.DoesNotContain(visible, e => e.Message.Contains("Okapi-Marmalade", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, e => e.Message.Contains(answer, StringComparison.Ordinal));
    }

    private static JsonElement Structured(CallToolResult result)
    {
        Assert.True(result.StructuredContent is not null, Text(result));
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}
