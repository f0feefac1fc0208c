namespace Meditron.Api.Integrations.CdsHooks;

/// <summary>Configuration section "CdsHooks".</summary>
public sealed class CdsHooksOptions
{
    public const string SectionName = "CdsHooks";

    /// <summary>
    /// The FHIR servers a hook's <c>fhirServer</c> may name, as base URLs ("https://ehr.example.org/fhir"): a fhirServer
    /// matches an entry with the same scheme and host, the entry's port when it gives one, and a path under the entry's.
    /// Empty (the default): the service never fetches, and data the EHR did not prefetch is a 412. Without this list any
    /// key holder could make the server send requests wherever it likes.
    /// </summary>
    public IList<string> AllowedFhirServers { get; } = [];

    public bool Allows(Uri fhirServer)
    {
        ArgumentNullException.ThrowIfNull(fhirServer);
        return AllowedFhirServers.Any(entry => Uri.TryCreate(entry, UriKind.Absolute, out var allowed) && Matches(allowed, entry, fhirServer));
    }

    private static bool Matches(Uri allowed, string entry, Uri fhirServer) =>
        string.Equals(allowed.Scheme, fhirServer.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(allowed.IdnHost, fhirServer.IdnHost, StringComparison.OrdinalIgnoreCase)
        && (!HasExplicitPort(entry) || allowed.Port == fhirServer.Port)
        && fhirServer.AbsolutePath.TrimEnd('/').StartsWith(allowed.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>Whether the entry names a port ("http://127.0.0.1" matches any port of that host; Uri.Port would say 80).</summary>
    private static bool HasExplicitPort(string entry) =>
        Uri.TryCreate(entry, UriKind.Absolute, out var uri) && entry.Contains($":{uri.Port}", StringComparison.Ordinal);
}
