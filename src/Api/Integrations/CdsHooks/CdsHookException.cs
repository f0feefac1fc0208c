namespace Meditron.Api.Integrations.CdsHooks;

/// <summary>
/// A hook call that cannot be answered: 400 for a malformed hook, 412 when the FHIR data it needs could not be had.
/// The detail names what is wrong, never a patient's data.
/// </summary>
public sealed class CdsHookException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;

    public static CdsHookException Malformed(string detail) => new(StatusCodes.Status400BadRequest, "Malformed hook request", detail);

    public static CdsHookException DataUnavailable(string detail) => new(StatusCodes.Status412PreconditionFailed, "FHIR data unavailable", detail);
}
