using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Meditron.Core.Access;

namespace Meditron.Api.Tests.Integrations.CdsHooks;

/// <summary>The CDS Hooks 2.0 service as an EHR calls it, on real Kestrel, with FHIR R4 resources written here.</summary>
public sealed class CdsHooksTests(CdsHooksFixture api) : IClassFixture<CdsHooksFixture>
{
    private const string PatientViewUrl = "/cds-services/meditron-patient-view";
    private const string OrderSelectUrl = "/cds-services/meditron-order-select";

    [Fact]
    public async Task Discovery_lists_both_services_with_their_hooks_and_prefetch_templates()
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var discovery = await ApiAssert.JsonAsync(await client.GetAsync("/cds-services"), HttpStatusCode.OK);

        var services = discovery.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal("patient-view", services["meditron-patient-view"].GetProperty("hook").GetString());
        Assert.Equal("order-select", services["meditron-order-select"].GetProperty("hook").GetString());
        foreach (var service in services.Values)
        {
            Assert.False(string.IsNullOrWhiteSpace(service.GetProperty("description").GetString()));
            var prefetch = service.GetProperty("prefetch");
            Assert.Equal("Patient/{{context.patientId}}", prefetch.GetProperty("patient").GetString());
            Assert.StartsWith("Condition?patient={{context.patientId}}", prefetch.GetProperty("conditions").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("MedicationRequest?patient={{context.patientId}}", prefetch.GetProperty("medications").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Discovery_and_hooks_need_a_key_with_the_ask_scope()
    {
        using var anonymous = await api.ClientAsync();
        await ApiAssert.ProblemAsync(await anonymous.GetAsync("/cds-services"), HttpStatusCode.Unauthorized);
        using var ingestOnly = await api.ClientAsync(ApiScopes.Ingest);
        var request = HookRequests.PatientView("p-1", HookRequests.Prefetch(FhirResources.PatientAged("p-1", 2, "female"), [FhirResources.Pneumonia("p-1")]));
        await ApiAssert.ProblemAsync(await ingestOnly.PostAsJsonAsync(PatientViewUrl, request), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Patient_view_for_a_child_with_pneumonia_gives_a_card_citing_the_guideline_page()
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var request = HookRequests.PatientView("child-1", HookRequests.Prefetch(FhirResources.PatientAged("child-1", 2, "female"), [FhirResources.Pneumonia("child-1")]));

        var card = Assert.Single(await CardsAsync(client, PatientViewUrl, request));

        Assert.Equal("info", card.GetProperty("indicator").GetString());
        AssertCitesThePage(card);
        string detail = card.GetProperty("detail").GetString()!;
        Assert.Contains("child aged 2 years", detail, StringComparison.Ordinal);
        Assert.Contains("> Pneumonia in a child: give oral amoxicillin 40 to 50 mg/kg twice daily for 5 days.", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_select_for_amoxicillin_within_the_cited_range_is_info()
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var request = HookRequests.OrderSelect("child-2", HookRequests.Prefetch(FhirResources.PatientAged("child-2", 2, "male"), [FhirResources.Pneumonia("child-2")]),
            FhirResources.Amoxicillin("draft-1", "child-2", 45));

        var card = Assert.Single(await CardsAsync(client, OrderSelectUrl, request));

        Assert.Equal("info", card.GetProperty("indicator").GetString());
        AssertCitesThePage(card);
        Assert.StartsWith("Amoxicillin:", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
        string detail = card.GetProperty("detail").GetString()!;
        Assert.Contains("5 days", detail, StringComparison.Ordinal);
        Assert.Contains("Dose ordered: amoxicillin 45 mg/kg, oral route: within the cited range of 40–50 mg/kg.", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_select_for_amoxicillin_outside_the_cited_range_is_a_warning()
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var request = HookRequests.OrderSelect("child-3", HookRequests.Prefetch(FhirResources.PatientAged("child-3", 2, "female"), [FhirResources.Pneumonia("child-3")]),
            FhirResources.Amoxicillin("draft-2", "child-3", 90));

        var card = Assert.Single(await CardsAsync(client, OrderSelectUrl, request));

        Assert.Equal("warning", card.GetProperty("indicator").GetString());
        AssertCitesThePage(card);
        Assert.StartsWith("Amoxicillin 90 mg/kg is outside the guideline's 40–50 mg/kg", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("**outside** the cited range of 40–50 mg/kg", card.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_select_answers_only_the_selected_drafts()
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var request = HookRequests.OrderSelect("child-4", HookRequests.Prefetch(FhirResources.PatientAged("child-4", 3, "female"), [FhirResources.Pneumonia("child-4")]),
            FhirResources.Amoxicillin("selected", "child-4", 45), FhirResources.Amoxicillin("other", "child-4", 90));
        request["context"]!["selections"] = new JsonArray("MedicationRequest/selected");

        var card = Assert.Single(await CardsAsync(client, OrderSelectUrl, request));
        Assert.Equal("info", card.GetProperty("indicator").GetString());
    }

    [Fact]
    public async Task Patient_view_on_what_the_guidelines_do_not_cover_gives_no_card()
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var request = HookRequests.PatientView("adult-1", HookRequests.Prefetch(FhirResources.PatientAged("adult-1", 40, "male"),
            [FhirResources.Condition("cond-1", "adult-1", "44465007", "Sprain of ankle")]));

        Assert.Empty(await CardsAsync(client, PatientViewUrl, request));
    }

    [Fact]
    public async Task An_empty_entry_array_is_read_as_an_empty_search()
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var prefetch = HookRequests.Prefetch(FhirResources.PatientAged("p-8", 2, "female"), [FhirResources.Pneumonia("p-8")]);
        prefetch["medications"]!["entry"] = new JsonArray(); // not valid FHIR, but what some EHRs send

        Assert.Single(await CardsAsync(client, PatientViewUrl, HookRequests.PatientView("p-8", prefetch)));
    }

    public static TheoryData<string, string> MalformedHooks() => new()
    {
        { "not JSON", "{ this is not json" },
        { "the other service's hook", """{"hook":"order-select","hookInstance":"a1","context":{"userId":"Practitioner/1","patientId":"p"}}""" },
        { "no hookInstance", """{"hook":"patient-view","context":{"userId":"Practitioner/1","patientId":"p"}}""" },
        { "no context", """{"hook":"patient-view","hookInstance":"a1"}""" },
        { "context without patientId", """{"hook":"patient-view","hookInstance":"a1","context":{"userId":"Practitioner/1"}}""" },
        { "patientId not a string", """{"hook":"patient-view","hookInstance":"a1","context":{"userId":"Practitioner/1","patientId":7}}""" },
        { "fhirAuthorization without fhirServer", """{"hook":"patient-view","hookInstance":"a1","fhirAuthorization":{"access_token":"t","token_type":"Bearer"},"context":{"userId":"Practitioner/1","patientId":"p"}}""" },
        { "fhirServer not a URL", """{"hook":"patient-view","hookInstance":"a1","fhirServer":"not a url","context":{"userId":"Practitioner/1","patientId":"p"}}""" },
        { "a prefetched patient that is not FHIR", """{"hook":"patient-view","hookInstance":"a1","context":{"userId":"Practitioner/1","patientId":"p"},"prefetch":{"patient":{"name":"x"},"conditions":{"resourceType":"Bundle","type":"searchset"},"medications":{"resourceType":"Bundle","type":"searchset"}}}""" },
        { "a birth date that is not a date", """{"hook":"patient-view","hookInstance":"a1","context":{"userId":"Practitioner/1","patientId":"p"},"prefetch":{"patient":{"resourceType":"Patient","birthDate":"yesterday"},"conditions":{"resourceType":"Bundle","type":"searchset"},"medications":{"resourceType":"Bundle","type":"searchset"}}}""" },
        { "conditions prefetched as a string", """{"hook":"patient-view","hookInstance":"a1","context":{"userId":"Practitioner/1","patientId":"p"},"prefetch":{"patient":{"resourceType":"Patient","gender":"female"},"conditions":"none","medications":{"resourceType":"Bundle","type":"searchset"}}}""" },
        { "conditions prefetched as a Patient", """{"hook":"patient-view","hookInstance":"a1","context":{"userId":"Practitioner/1","patientId":"p"},"prefetch":{"patient":{"resourceType":"Patient","gender":"female"},"conditions":{"resourceType":"Patient","gender":"male"},"medications":{"resourceType":"Bundle","type":"searchset"}}}""" },
    };

    [Theory]
    [MemberData(nameof(MalformedHooks))]
    public async Task A_malformed_patient_view_is_400(string why, string body)
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        using var response = await client.PostAsync(PatientViewUrl, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(why));
        Assert.NotNull(problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_order_select_without_draft_orders_is_400()
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var request = HookRequests.OrderSelect("p-5", HookRequests.Prefetch(FhirResources.PatientAged("p-5", 2, "female"), []), FhirResources.Amoxicillin("d", "p-5", 45));
        request["context"]!.AsObject().Remove("draftOrders");

        var problem = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync(OrderSelectUrl, request), HttpStatusCode.BadRequest);
        Assert.Contains("draftOrders", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_service_is_404()
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var request = HookRequests.PatientView("p-6", null);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/cds-services/no-such-service", request), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Missing_prefetch_without_a_fhirServer_is_412()
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var partial = new JsonObject { ["patient"] = FhirResources.PatientAged("p-7", 2, "female"), ["conditions"] = null };

        var problem = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync(PatientViewUrl, HookRequests.PatientView("p-7", partial)), HttpStatusCode.PreconditionFailed);
        Assert.Contains("conditions", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("medications", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var none = HookRequests.PatientView("p-7", null);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync(PatientViewUrl, none), HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Without_prefetch_the_data_is_read_from_the_fhirServer_with_the_EHR_token()
    {
        await using var fhir = await FhirServerDouble.StartAsync(FhirResources.PatientAged("child-9", 2, "female"),
            FhirResources.Bundle([FhirResources.Pneumonia("child-9")]),
            FhirResources.Bundle([FhirResources.Amoxicillin("active-1", "child-9", 45, status: "active")]));
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var request = HookRequests.PatientView("child-9", null);
        request["fhirServer"] = fhir.BaseUrl.ToString();
        request["fhirAuthorization"] = new JsonObject
        {
            ["access_token"] = "ehr-token-42", ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "patient/*.read", ["subject"] = "meditron",
        };

        var cards = await CardsAsync(client, PatientViewUrl, request);

        Assert.Equal(["/fhir/Condition", "/fhir/MedicationRequest", "/fhir/Patient/child-9"], fhir.Requests.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(fhir.Requests, r => Assert.Equal("Bearer ehr-token-42", r.Authorization));
        Assert.Contains(fhir.Requests, r => r.Path == "/fhir/Condition" && r.Query.Contains("patient=child-9", StringComparison.Ordinal) && r.Query.Contains("clinical-status=active", StringComparison.Ordinal));
        Assert.Equal(2, cards.Count); // the pneumonia treatment, and the active amoxicillin's dose
        Assert.All(cards, AssertCitesThePage);
        Assert.All(cards, c => Assert.Equal("info", c.GetProperty("indicator").GetString()));
    }

    [Fact]
    public async Task A_fhirServer_outside_the_allowed_list_is_never_called_and_the_hook_is_412()
    {
        await using var fhir = await FhirServerDouble.StartAsync(FhirResources.PatientAged("child-11", 2, "female"), FhirResources.Bundle(), FhirResources.Bundle());
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var request = HookRequests.PatientView("child-11", null);
        // The same double under another host name: allowed is http://127.0.0.1 only.
        request["fhirServer"] = new UriBuilder(fhir.BaseUrl) { Host = "localhost" }.Uri.ToString();

        var problem = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync(PatientViewUrl, request), HttpStatusCode.PreconditionFailed);

        Assert.Contains("CdsHooks:AllowedFhirServers", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(fhir.Requests);
    }

    [Theory]
    [InlineData("https://ehr.example.org/fhir", "https://ehr.example.org/fhir/", true)]
    [InlineData("https://ehr.example.org/fhir", "https://ehr.example.org/fhir/r4", true)]
    [InlineData("https://ehr.example.org/fhir", "https://ehr.example.org/other", false)]
    [InlineData("https://ehr.example.org/fhir", "http://ehr.example.org/fhir", false)]
    [InlineData("https://ehr.example.org/fhir", "https://evil.example.org/fhir", false)]
    [InlineData("http://127.0.0.1", "http://127.0.0.1:5123/fhir", true)]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:5123/fhir", false)]
    public void The_allowed_list_matches_scheme_host_port_and_path(string allowed, string fhirServer, bool expected)
    {
        var options = new Meditron.Api.Integrations.CdsHooks.CdsHooksOptions();
        options.AllowedFhirServers.Add(allowed);

        Assert.Equal(expected, options.Allows(new Uri(fhirServer)));
    }

    [Fact]
    public async Task A_fhirServer_that_refuses_the_token_is_412()
    {
        await using var fhir = await FhirServerDouble.StartAsync(FhirResources.PatientAged("someone-else", 2, "female"), FhirResources.Bundle(), FhirResources.Bundle());
        using var client = await api.ClientAsync(ApiScopes.Ask);
        var request = HookRequests.PatientView("child-10", null); // the double knows no such patient: 404
        request["fhirServer"] = fhir.BaseUrl.ToString();

        var problem = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync(PatientViewUrl, request), HttpStatusCode.PreconditionFailed);
        Assert.Contains("404", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patient_data_is_neither_logged_above_debug_nor_stored()
    {
        using var client = await api.ClientAsync(ApiScopes.Ask);
        const string patientId = "pat-zanzibar-quokka";
        var condition = FhirResources.Condition("cond-q", patientId, "233604007", "Quokka pneumonia");
        var request = HookRequests.OrderSelect(patientId, HookRequests.Prefetch(FhirResources.PatientAged(patientId, 2, "female"), [condition]),
            FhirResources.Amoxicillin("draft-q", patientId, 45));

        await CardsAsync(client, OrderSelectUrl, request);

        var visible = api.Logs.Entries.Where(e => e.Level > Microsoft.Extensions.Logging.LogLevel.Debug).ToList();
        Assert.DoesNotContain(visible, e => e.Message.Contains("zanzibar", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("quokka", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(api.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug && e.Message.Contains("quokka pneumonia", StringComparison.Ordinal)); // the check above looked at the right thing
        foreach (string file in Directory.EnumerateFiles(api.Factory.DataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes = await ReadSharedAsync(file);
            Assert.False(bytes.AsSpan().IndexOf("zanzibar"u8) >= 0 || bytes.AsSpan().IndexOf("uokka"u8) >= 0, $"{file} holds patient data");
        }
    }

    private void AssertCitesThePage(JsonElement card)
    {
        Assert.True(Guid.TryParse(card.GetProperty("uuid").GetString(), out _));
        Assert.InRange(card.GetProperty("summary").GetString()!.Length, 1, 140);
        var source = card.GetProperty("source");
        Assert.Equal($"{CdsHooksFixture.Title}, {CdsHooksFixture.Edition} edition, page 1", source.GetProperty("label").GetString());
        Assert.EndsWith($"/v1/documents/{Uri.EscapeDataString(api.GuidelineId)}/content#page=1", source.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains("40 to 50 mg/kg", card.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> CardsAsync(HttpClient client, string url, JsonObject request)
    {
        using var response = await client.PostAsJsonAsync(url, request);
        var body = await ApiAssert.JsonAsync(response, HttpStatusCode.OK); await File.AppendAllTextAsync("/tmp/cds-out.jsonl", url + " " + body + "\n");
        return [.. body.GetProperty("cards").EnumerateArray()];
    }

    /// <summary>Reads a file the server may still hold open (SQLite and its WAL).</summary>
    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
