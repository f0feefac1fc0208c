using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Meditron.Api.Tests.Integrations.CdsHooks;

/// <summary>
/// A tiny FHIR R4 server on loopback (real Kestrel), since no FHIR server runs here: GET Patient/{id},
/// Condition?patient=… and MedicationRequest?patient=… under /fhir, answered from the resources it was given.
/// Records each request's path, query and Authorization header.
/// </summary>
internal sealed class FhirServerDouble : IAsyncDisposable
{
    public sealed record SeenRequest(string Path, string Query, string Authorization);

    private readonly WebApplication _app;

    private FhirServerDouble(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The FHIR base an EHR would send as fhirServer.</summary>
    public Uri BaseUrl { get; }

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public static async Task<FhirServerDouble> StartAsync(JsonObject patient, JsonObject conditions, JsonObject medications)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FhirServerDouble? server = null;
        app.Use(async (context, next) =>
        {
            server!.Requests.Enqueue(new SeenRequest(context.Request.Path, context.Request.QueryString.Value ?? "", context.Request.Headers.Authorization.ToString()));
            await next(context);
        });
        string patientId = patient["id"]!.GetValue<string>();
        app.MapGet("/fhir/Patient/{id}", (string id) => id == patientId ? Fhir(patient) : Results.NotFound());
        app.MapGet("/fhir/Condition", (string patient) => patient == patientId ? Fhir(conditions) : Fhir(FhirResources.Bundle()));
        app.MapGet("/fhir/MedicationRequest", (string patient) => patient == patientId ? Fhir(medications) : Fhir(FhirResources.Bundle()));
        await app.StartAsync();
        server = new FhirServerDouble(app, new Uri(app.Urls.Single() + "/fhir"));
        return server;
    }

    private static IResult Fhir(JsonObject resource) => Results.Text(resource.ToJsonString(), "application/fhir+json");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
