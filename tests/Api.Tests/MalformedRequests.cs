using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Meditron.Tests.Support;

namespace Meditron.Api.Tests;

/// <summary>Requests a careless or hostile caller sends, each with the 4xx it must get.</summary>
internal static class MalformedRequests
{
    public sealed record Case(Func<HttpRequestMessage> Request, HttpStatusCode Expected);

    private static readonly byte[] Pdf = SmallPdfs.Guideline("Malaria", "Give artesunate for severe malaria.");

    public static readonly IReadOnlyDictionary<string, Case> All = new Dictionary<string, Case>
    {
        ["ask: truncated JSON"] = Json("/v1/ask", "{\"question\": \"fever", HttpStatusCode.BadRequest),
        ["ask: not JSON"] = Json("/v1/ask", "question=fever", HttpStatusCode.BadRequest),
        ["ask: an array"] = Json("/v1/ask", "[]", HttpStatusCode.BadRequest),
        ["ask: a string"] = Json("/v1/ask", "\"fever\"", HttpStatusCode.BadRequest),
        ["ask: question is a number"] = Json("/v1/ask", "{\"question\": 42}", HttpStatusCode.BadRequest),
        ["ask: question is null"] = Json("/v1/ask", "{\"question\": null}", HttpStatusCode.BadRequest),
        ["ask: empty object"] = Json("/v1/ask", "{}", HttpStatusCode.BadRequest),
        ["ask: empty question"] = Json("/v1/ask", "{\"question\": \"\"}", HttpStatusCode.BadRequest),
        ["ask: blank question"] = Json("/v1/ask", "{\"question\": \"   \\n\"}", HttpStatusCode.BadRequest),
        ["ask: 100 kB question"] = Json("/v1/ask", $"{{\"question\": \"{new string('a', 100_000)}\"}}", HttpStatusCode.RequestEntityTooLarge),
        ["ask: 3000-character question"] = Json("/v1/ask", $"{{\"question\": \"{new string('a', 3000)}\"}}", HttpStatusCode.BadRequest),
        ["ask: topK 0"] = Json("/v1/ask", "{\"question\": \"fever?\", \"topK\": 0}", HttpStatusCode.BadRequest),
        ["ask: topK 1000"] = Json("/v1/ask", "{\"question\": \"fever?\", \"topK\": 1000}", HttpStatusCode.BadRequest),
        ["ask: topK is text"] = Json("/v1/ask", "{\"question\": \"fever?\", \"topK\": \"ten\"}", HttpStatusCode.BadRequest),
        ["ask: topK is fractional"] = Json("/v1/ask", "{\"question\": \"fever?\", \"topK\": 1.5}", HttpStatusCode.BadRequest),
        ["ask: language is a name"] = Json("/v1/ask", "{\"question\": \"fever?\", \"language\": \"english\"}", HttpStatusCode.BadRequest),
        ["ask: unknown engine"] = Json("/v1/ask", "{\"question\": \"fever?\", \"engine\": \"gpt-4\"}", HttpStatusCode.BadRequest),
        ["ask: async and stream"] = Json("/v1/ask", "{\"question\": \"fever?\", \"async\": true, \"stream\": true}", HttpStatusCode.BadRequest),
        ["ask: filters is a string"] = Json("/v1/ask", "{\"question\": \"fever?\", \"filters\": \"WHO\"}", HttpStatusCode.BadRequest),
        ["ask: publishers is a string"] = Json("/v1/ask", "{\"question\": \"fever?\", \"filters\": {\"publishers\": \"WHO\"}}", HttpStatusCode.BadRequest),
        ["ask: year out of range"] = Json("/v1/ask", "{\"question\": \"fever?\", \"filters\": {\"yearFrom\": 3000}}", HttpStatusCode.BadRequest),
        ["ask: years reversed"] = Json("/v1/ask", "{\"question\": \"fever?\", \"filters\": {\"yearFrom\": 2020, \"yearTo\": 2010}}", HttpStatusCode.BadRequest),
        ["ask: empty publisher"] = Json("/v1/ask", "{\"question\": \"fever?\", \"filters\": {\"publishers\": [\"\"]}}", HttpStatusCode.BadRequest),
        ["ask: 51 document ids"] = Json("/v1/ask", $"{{\"question\": \"fever?\", \"filters\": {{\"documentIds\": [{string.Join(",", Enumerable.Repeat("\"doc_1\"", 51))}]}}}}", HttpStatusCode.BadRequest),
        ["ask: asOf is not a date"] = Json("/v1/ask", "{\"question\": \"fever?\", \"asOf\": \"yesterday\"}", HttpStatusCode.BadRequest),
        ["ask: includeSuperseded is text"] = Json("/v1/ask", "{\"question\": \"fever?\", \"includeSuperseded\": \"yes\"}", HttpStatusCode.BadRequest),
        ["ask: text/plain"] = Raw("/v1/ask", "{\"question\": \"fever?\"}", "text/plain", HttpStatusCode.UnsupportedMediaType),
        ["ask: XML"] = Raw("/v1/ask", "<ask><question>fever?</question></ask>", "application/xml", HttpStatusCode.UnsupportedMediaType),
        ["ask: empty body"] = Raw("/v1/ask", "", "application/json", HttpStatusCode.BadRequest),
        ["ask: 2 MB body"] = Json("/v1/ask", $"{{\"question\": \"fever?\", \"pad\": \"{new string('x', 2_000_000)}\"}}", HttpStatusCode.RequestEntityTooLarge),
        ["search: empty object"] = Json("/v1/search", "{}", HttpStatusCode.BadRequest),
        ["search: unknown mode"] = Json("/v1/search", "{\"query\": \"fever\", \"mode\": \"semantic\"}", HttpStatusCode.BadRequest),
        ["search: 50000-character query"] = Json("/v1/search", $"{{\"query\": \"{new string('b', 50_000)}\"}}", HttpStatusCode.BadRequest),
        ["search: negative topK"] = Json("/v1/search", "{\"query\": \"fever\", \"topK\": -1}", HttpStatusCode.BadRequest),
        ["search: truncated JSON"] = Json("/v1/search", "{\"query\":", HttpStatusCode.BadRequest),
        ["search: text/plain"] = Raw("/v1/search", "fever", "text/plain", HttpStatusCode.UnsupportedMediaType),
        ["upload: JSON instead of multipart"] = Json("/v1/documents", "{\"file\": \"guideline.pdf\"}", HttpStatusCode.UnsupportedMediaType),
        ["upload: no file field"] = Upload(null, "x.pdf", HttpStatusCode.BadRequest, ("title", "Malaria")),
        ["upload: a text file"] = Upload("These are not the guidelines you are looking for."u8.ToArray(), "notes.pdf", HttpStatusCode.UnsupportedMediaType),
        ["upload: truncated PDF"] = Upload(Pdf[..(Pdf.Length / 2)], "truncated.pdf", HttpStatusCode.UnprocessableEntity),
        ["upload: PDF header then garbage"] = Upload([.. "%PDF-1.7\n"u8, .. Enumerable.Repeat((byte)'z', 4000), .. "\n%%EOF\n"u8], "garbage.pdf", HttpStatusCode.UnprocessableEntity),
        ["upload: empty file"] = Upload([], "empty.pdf", HttpStatusCode.BadRequest),
        ["upload: path traversal"] = Upload(Pdf, "../../etc/cron.d/evil.pdf", HttpStatusCode.BadRequest),
        ["upload: backslash traversal"] = Upload(Pdf, "..\\..\\evil.pdf", HttpStatusCode.BadRequest),
        ["upload: absolute path"] = Upload(Pdf, "/tmp/evil.pdf", HttpStatusCode.BadRequest),
        ["upload: hidden file"] = Upload(Pdf, ".bashrc", HttpStatusCode.BadRequest),
        ["upload: year is text"] = Upload(Pdf, "malaria.pdf", HttpStatusCode.BadRequest, ("year", "last year")),
        ["upload: bad language"] = Upload(Pdf, "malaria.pdf", HttpStatusCode.BadRequest, ("language", "fr-FR")),
        ["upload: guideline key with a slash"] = Upload(Pdf, "malaria.pdf", HttpStatusCode.BadRequest, ("guideline", "who/malaria")),
        ["upload: 400-character title"] = Upload(Pdf, "malaria.pdf", HttpStatusCode.BadRequest, ("title", new string('t', 400))),
        ["upload: over the upload limit"] = Upload(new byte[2 * 1024 * 1024], "huge.pdf", HttpStatusCode.RequestEntityTooLarge),
        ["upload: broken multipart"] = Raw("/v1/documents", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF", "multipart/form-data; boundary=xyz", HttpStatusCode.BadRequest),
        ["list: limit 0"] = Get("/v1/documents?limit=0", HttpStatusCode.BadRequest),
        ["list: limit 1000"] = Get("/v1/documents?limit=1000", HttpStatusCode.BadRequest),
        ["list: negative offset"] = Get("/v1/documents?offset=-1", HttpStatusCode.BadRequest),
        ["list: unknown status"] = Get("/v1/documents?status=done", HttpStatusCode.BadRequest),
        ["list: status as a number"] = Get("/v1/documents?status=3", HttpStatusCode.BadRequest),
        ["list: current is not a boolean"] = Get("/v1/documents?current=maybe", HttpStatusCode.BadRequest),
        ["list: offset is text"] = Get("/v1/documents?offset=abc", HttpStatusCode.BadRequest),
        ["document: unknown id"] = Get("/v1/documents/doc_ffffffffffffffff", HttpStatusCode.NotFound),
        ["document: unknown content"] = Get("/v1/documents/doc_ffffffffffffffff/content", HttpStatusCode.NotFound),
        ["document: traversal id"] = Get("/v1/documents/..%2F..%2Fstore.db/content", HttpStatusCode.NotFound),
        ["document: delete unknown"] = new(() => new HttpRequestMessage(HttpMethod.Delete, "/v1/documents/doc_ffffffffffffffff"), HttpStatusCode.NotFound),
        ["answer: unknown id"] = Get("/v1/answers/ffffffffffffffffffffffffffffffff", HttpStatusCode.NotFound),
        ["keys: unknown scope"] = Json("/v1/keys", "{\"name\": \"bot\", \"scopes\": [\"root\"]}", HttpStatusCode.BadRequest),
        ["keys: bad name"] = Json("/v1/keys", "{\"name\": \"bad name!\", \"scopes\": [\"ask\"]}", HttpStatusCode.BadRequest),
        ["keys: empty object"] = Json("/v1/keys", "{}", HttpStatusCode.BadRequest),
        ["keys: revoke unknown"] = new(() => new HttpRequestMessage(HttpMethod.Delete, "/v1/keys/nobody-here"), HttpStatusCode.NotFound),
        ["route: unknown path"] = Get("/v1/nothing-here", HttpStatusCode.NotFound),
        ["route: wrong method"] = new(() => new HttpRequestMessage(HttpMethod.Put, "/v1/ask") { Content = new StringContent("{}", Encoding.UTF8, "application/json") }, HttpStatusCode.MethodNotAllowed),
    };

    private static Case Json(string path, string body, HttpStatusCode expected) => Raw(path, body, "application/json", expected);

    private static Case Raw(string path, string body, string contentType, HttpStatusCode expected) => new(() =>
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }, expected);

    private static Case Get(string path, HttpStatusCode expected) => new(() => new HttpRequestMessage(HttpMethod.Get, path), expected);

    private static Case Upload(byte[]? file, string fileName, HttpStatusCode expected, params (string Name, string Value)[] fields) => new(() =>
    {
        var form = new MultipartFormDataContent();
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(part, "file");
            // Set by hand: HttpClient would quote and escape the name, and the point is to send it as a hostile client does.
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = "\"" + fileName + "\"" };
        }
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        return new HttpRequestMessage(HttpMethod.Post, "/v1/documents") { Content = form };
    }, expected);
}
