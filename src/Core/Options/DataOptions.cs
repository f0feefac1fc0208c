using System.ComponentModel.DataAnnotations;

namespace Meditron.Core.Options;

/// <summary>Where the embedded shape keeps its files (configuration section "Data").</summary>
public sealed class DataOptions
{
    public const string SectionName = "Data";

    [Required]
    public string Directory { get; set; } = "data";
}
