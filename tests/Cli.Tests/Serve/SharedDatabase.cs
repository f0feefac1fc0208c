using Meditron.Cli.Tests.Workers;

namespace Meditron.Cli.Tests.Serve;

/// <summary>
/// The real PostgreSQL at <c>MEDITRON_TEST_POSTGRES</c> (.ci/run starts one with scripts/postgres). Without it the
/// cluster-state tests are skipped, except under CI=true, where they must run. Each test takes its own schema.
/// </summary>
internal static class SharedDatabase
{
    public static string? ConnectionString { get; } =
        Environment.GetEnvironmentVariable("MEDITRON_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static string? SkipReason =>
        ConnectionString is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? "MEDITRON_TEST_POSTGRES is not set (export MEDITRON_TEST_POSTGRES=\"$(bash scripts/postgres start)\")"
            : null;

    /// <summary>The settings that put a process's shared state in PostgreSQL, in a schema of its own.</summary>
    public static Dictionary<string, string> Settings(string schema) => new()
    {
        ["MEDITRON_Storage__Provider"] = "Postgres",
        ["MEDITRON_Storage__Postgres__ConnectionString"] = ConnectionString ?? throw new InvalidOperationException("MEDITRON_TEST_POSTGRES is not set"),
        ["MEDITRON_Storage__Postgres__Schema"] = schema,
    };

    public static string NewSchema() => "e2e_" + Guid.NewGuid().ToString("N")[..12];
}

/// <summary>A fact against the real broker and the real PostgreSQL.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        Skip = (Broker.SkipReason ?? SharedDatabase.SkipReason)!;
    }
}

/// <summary>A fact against the real PostgreSQL only.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = SharedDatabase.SkipReason!;
    }
}
