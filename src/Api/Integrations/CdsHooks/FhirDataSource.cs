using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Integrations.CdsHooks;

/// <summary>
/// The FHIR data of a hook call: what the EHR prefetched, and what it did not, read from its fhirServer with the
/// fhirAuthorization bearer token (the prefetch template's query, first page only). Neither logged nor kept.
/// </summary>
public sealed partial class FhirDataSource(IHttpClientFactory clients, IOptions<CdsHooksOptions> options, ILogger<FhirDataSource> logger)
{
    /// <summary>The named HttpClient (short timeout: an EHR waits on the hook).</summary>
    public const string ClientName = "cds-hooks-fhir";

    public async Task<HookData> ResolveAsync(CdsServiceDefinition service, CdsHookRequest request, HookCall call, CancellationToken cancellationToken)
    {
        var prefetch = request.Prefetch ?? [];
        var required = CdsServiceCatalog.RequiredKeys(service);
        var missing = required.Where(key => !prefetch.TryGetValue(key, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined).ToList();
        if (missing.Count > 0 && call.FhirServer is null)
        {
            throw CdsHookException.DataUnavailable($"The prefetch lacks {string.Join(", ", missing)} and no fhirServer was given to read them from.");
        }
        if (missing.Count > 0 && !options.Value.Allows(call.FhirServer!))
        {
            throw CdsHookException.DataUnavailable(
                $"The prefetch lacks {string.Join(", ", missing)}, and this service reads only the FHIR servers in CdsHooks:AllowedFhirServers; prefetch them, or ask the operator to allow this one.");
        }

        var values = new Dictionary<string, JsonElement>();
        foreach (string key in required)
        {
            values[key] = missing.Contains(key) ? await FetchAsync(call, key, cancellationToken) : prefetch[key];
        }
        return new HookData
        {
            Patient = values[CdsServiceCatalog.PatientKey],
            Conditions = values[CdsServiceCatalog.ConditionsKey],
            Medications = values.TryGetValue(CdsServiceCatalog.MedicationsKey, out var medications) ? medications : null,
            DraftOrders = call.DraftOrders,
            Selections = call.Selections,
        };
    }

    private async Task<JsonElement> FetchAsync(HookCall call, string key, CancellationToken cancellationToken)
    {
        string query = CdsServiceCatalog.PrefetchTemplates[key].Replace("{{context.patientId}}", Uri.EscapeDataString(call.PatientId), StringComparison.Ordinal);
        var baseUrl = new Uri(call.FhirServer!.AbsoluteUri.TrimEnd('/') + "/");
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, query));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        if (call.AccessToken is { } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(message, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw CdsHookException.DataUnavailable($"The FHIR server answered {(int)response.StatusCode} to the {key} query.");
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            LogFetched(key);
            return json.RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw CdsHookException.DataUnavailable($"The {key} query to the FHIR server failed: {e.GetType().Name}.");
        }
    }

    [LoggerMessage(EventId = 8300, Level = LogLevel.Debug, Message = "CDS Hooks: read the {Key} prefetch item from the FHIR server")]
    private partial void LogFetched(string key);
}
