using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Meditron.Postgres;

/// <summary>The PostgreSQL database of the shared state (configuration section "Storage:Postgres").</summary>
public sealed class PostgresOptions
{
    public const string SectionName = "Storage:Postgres";

    /// <summary>An Npgsql connection string; its password comes from a secret (environment, Kubernetes Secret), never a file in the repository.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema that holds Meditron's tables (created when missing), so that one database can hold several deployments.</summary>
    [Required]
    [RegularExpression(SchemaPattern, ErrorMessage = "Storage:Postgres:Schema must be a lowercase SQL identifier.")]
    public string Schema { get; set; } = "meditron";

    private const string SchemaPattern = "^[a-z_][a-z0-9_]{0,62}$";

    /// <summary>Whether the name is a lowercase SQL identifier (safe in DDL and the search path without quoting rules).</summary>
    public static bool IsSchemaName(string name) => Regex.IsMatch(name, SchemaPattern, RegexOptions.CultureInvariant);
}
