using Meditron.Core.Feedback;
using Meditron.Postgres;
using Npgsql;

namespace Meditron.Cli.Tests.Serve;

/// <summary>`feedback export` with Storage:Provider=Postgres reads the ratings every API replica wrote to PostgreSQL.</summary>
public sealed class FeedbackPostgresTests
{
    [PostgresFact]
    public async Task Export_reads_the_shared_store_and_needs_no_data_directory_store()
    {
        string schema = SharedDatabase.NewSchema();
        using var dir = new TempDirectory();
        try
        {
            await using (var database = new PostgresDatabase(new PostgresOptions { ConnectionString = SharedDatabase.ConnectionString!, Schema = schema }))
            {
                var entry = new FeedbackEntry
                {
                    Id = FeedbackEntry.NewId(),
                    RequestId = "r-shared",
                    Helpful = false,
                    Categories = [FeedbackCategories.Outdated],
                    Comment = "Ancienne édition, \"2019\"",
                    Answer = FeedbackCommandTests.Answer(),
                    Engine = "extractive",
                    Model = "extractive",
                };
                await new PostgresFeedbackStore(database).AddAsync(entry, CancellationToken.None);
            }

            var json = await CliRunner.RunAsync(SharedDatabase.Settings(schema), "feedback", "export", "--json", "--data", dir.Combine("data"));
            var csv = await CliRunner.RunAsync(SharedDatabase.Settings(schema), "feedback", "export", "--csv", "--category", "outdated", "--data", dir.Combine("data"));

            Assert.True(json.ExitCode == 0, json.Stderr);
            var item = Assert.Single(json.Json.GetProperty("items").EnumerateArray());
            Assert.Equal(("r-shared", "Ancienne édition, \"2019\""), (item.GetProperty("requestId").GetString(), item.GetProperty("comment").GetString()));
            Assert.Equal(0, csv.ExitCode);
            Assert.Equal("r-shared", Output.CsvRecords.Parse(csv.Stdout)[1][1]);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(SharedDatabase.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
