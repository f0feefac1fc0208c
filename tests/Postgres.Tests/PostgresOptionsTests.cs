namespace Meditron.Postgres.Tests;

/// <summary>The schema name goes into DDL and the search path: only a lowercase identifier is accepted, however the database is built.</summary>
public sealed class PostgresOptionsTests
{
    [Theory]
    [InlineData("Meditron")]
    [InlineData("meditron\"; DROP TABLE documents; --")]
    [InlineData("1st")]
    [InlineData("with space")]
    public void A_schema_name_that_is_not_a_lowercase_identifier_is_refused(string schema)
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgresDatabase(new PostgresOptions { ConnectionString = "Host=127.0.0.1", Schema = schema }));

        Assert.Contains("lowercase SQL identifier", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meditron")]
    [InlineData("clinic_2")]
    [InlineData("_x")]
    public void A_lowercase_identifier_is_a_schema_name(string schema) => Assert.True(PostgresOptions.IsSchemaName(schema));
}
