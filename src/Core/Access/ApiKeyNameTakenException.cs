namespace Meditron.Core.Access;

/// <summary>An unrevoked key already has the name; a revoked key's name may be used again.</summary>
public sealed class ApiKeyNameTakenException : Exception
{
    public ApiKeyNameTakenException()
    {
    }

    public ApiKeyNameTakenException(string message)
        : base(message)
    {
    }

    public ApiKeyNameTakenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The name that is taken.</summary>
    public string? Name { get; init; }

    public static ApiKeyNameTakenException For(string name) =>
        new($"An active API key named '{name}' already exists: revoke it first or choose another name.") { Name = name };
}
