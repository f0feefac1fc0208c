namespace Meditron.Api.Access;

/// <summary>Why a request was not let in; error writers of other protocols (Dify's codes) tell the cases apart by it.</summary>
public enum ApiKeyFailure
{
    /// <summary>Neither an X-Api-Key header nor an Authorization header.</summary>
    NoKey,
    /// <summary>An Authorization header that is not <c>Bearer KEY</c>.</summary>
    MalformedAuthorization,
    /// <summary>A key that is unknown or revoked.</summary>
    UnknownKey,
    /// <summary>A valid key without the endpoint's scope.</summary>
    ScopeMissing,
}

/// <summary>The <see cref="ApiKeyFailure"/> of a refused request, set as a request feature before the 401 or 403 is written.</summary>
public sealed record ApiKeyFailureFeature(ApiKeyFailure Failure);
