namespace Meditron.Core.Options;

/// <summary>Where shared state lives: the registry, the original PDFs, async answers and API keys.</summary>
public enum StorageProvider
{
    /// <summary>SQLite and files under the data directory: one host (the clinic laptop).</summary>
    Embedded,

    /// <summary>PostgreSQL (Storage:Postgres): any number of API replicas and workers on any nodes.</summary>
    Postgres,
}

/// <summary>Configuration section "Storage".</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The configuration key of <see cref="Provider"/>.</summary>
    public const string ProviderKey = $"{SectionName}:{nameof(Provider)}";

    public StorageProvider Provider { get; set; } = StorageProvider.Embedded;

    /// <summary>
    /// The provider a configuration value names (case-insensitive; Embedded when empty), read the same way by every
    /// project that registers a store.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value names no provider.</exception>
    public static StorageProvider ProviderFrom(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return StorageProvider.Embedded;
        }
        return Enum.TryParse<StorageProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderKey} is '{value}'; use Embedded or Postgres.");
    }
}
