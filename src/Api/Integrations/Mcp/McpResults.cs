using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Meditron.Api.Integrations.Mcp;

/// <summary>Tool results: readable text for the model, and the same data as JSON for the client.</summary>
internal static class McpResults
{
    public static CallToolResult Of<T>(string text, T structured) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(structured, McpJson.Options),
    };

    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };
}
