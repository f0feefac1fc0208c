using System.Text.Json;
using Meditron.Tests.Support;

namespace Meditron.Cli.Tests.Serve;

/// <summary>
/// The one upload of the serve tests: IFRC's Epidemic Control for Volunteers cholera tool (3 pages, indexed in about a
/// second), and a question its first page answers ("Symptoms": "People who have severe cholera will pass large amounts
/// of watery diarrhoea ...").
/// </summary>
internal static class CholeraTool
{
    public const string File = "ifrc_ecv_disease_tool_02_cholera_en.pdf";
    public const string Question = "What are the symptoms of severe cholera?";
    public const int Pages = 3;

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["publisher"] = "IFRC",
        ["guideline"] = "ifrc-ecv-cholera",
        ["edition"] = "2022",
    };

    public static byte[] Pdf() => System.IO.File.ReadAllBytes(Corpus.File(File));

    /// <summary>
    /// A cited answer from the uploaded tool: every citation names it with the upload's fields, a page of it, and a link
    /// to that page of its PDF at the address the server was called at; every citation's marker is in the answer.
    /// </summary>
    public static void AssertCited(JsonElement answer, string baseUrl, string documentId)
    {
        Assert.False(answer.GetProperty("abstained").GetBoolean(), answer.ToString());
        string text = answer.GetProperty("answer").GetString()!;
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        foreach (var citation in citations)
        {
            int page = citation.GetProperty("page").GetInt32();
            Assert.Equal(documentId, citation.GetProperty("documentId").GetString());
            Assert.Equal(File, citation.GetProperty("file").GetString());
            Assert.Equal("IFRC", citation.GetProperty("publisher").GetString());
            Assert.Equal("2022", citation.GetProperty("edition").GetString());
            Assert.InRange(page, 1, Pages);
            Assert.Equal($"{baseUrl}/v1/documents/{documentId}/content#page={page}", citation.GetProperty("url").GetString());
            Assert.Contains($"[{citation.GetProperty("n").GetInt32()}]", text, StringComparison.Ordinal);
        }
        Assert.Contains(citations, c => c.GetProperty("quote").GetString()!.Contains("cholera", StringComparison.OrdinalIgnoreCase));
    }
}
