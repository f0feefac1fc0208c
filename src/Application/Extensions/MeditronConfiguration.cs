using Meditron.Core.Options;
using Microsoft.Extensions.Configuration;

namespace Meditron.Application.Extensions;

/// <summary>Configuration rules every host (CLI, API, workers) applies the same way.</summary>
public static class MeditronConfiguration
{
    private const string DataKey = $"{DataOptions.SectionName}:{nameof(DataOptions.Directory)}";

    /// <summary>
    /// Fixes Data:Directory to a full path: <paramref name="flag"/> (--data) beats $MEDITRON_DATA beats configuration
    /// beats ./data. Returns the path.
    /// </summary>
    public static string ResolveDataDirectory(IConfigurationManager configuration, string? flag = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? chosen = flag
            ?? Environment.GetEnvironmentVariable("MEDITRON_DATA")
            ?? configuration[DataKey];
        string data = Path.GetFullPath(string.IsNullOrWhiteSpace(chosen) ? "data" : chosen);
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { [DataKey] = data });
        return data;
    }
}
