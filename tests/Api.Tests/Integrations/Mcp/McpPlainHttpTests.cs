using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Meditron.Tests.Support;

namespace Meditron.Api.Tests.Integrations.Mcp;

/// <summary>The README's curl example: one tools/call as a bare JSON-RPC POST, no initialize first (the server is stateless).</summary>
public sealed class McpPlainHttpTests(McpFixture server) : IClassFixture<McpFixture>
{
    [Fact]
    public async Task A_single_tools_call_post_answers_with_the_cited_result()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""
                {"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                 "params": {"name": "ask_guidelines", "arguments": {"question": "How many days of amoxicillin for fast breathing pneumonia?"}}}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", server.AskKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync());
        var result = JsonDocument.Parse(Assert.Single(events).Data).RootElement.GetProperty("result");
        Assert.False(result.GetProperty("structuredContent").GetProperty("abstained").GetBoolean());
        Assert.Contains("Sources:", result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
