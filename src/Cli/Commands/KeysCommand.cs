using System.CommandLine;
using System.CommandLine.Parsing;
using Meditron.Application.Access;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Meditron.Core.Access;
using Meditron.Core.Options;
using Meditron.Retrieval.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Meditron.Cli.Commands;

/// <summary>`meditron keys create|list|revoke`: the API keys of the REST API, kept (hashed) in the data directory's store.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Create, list and revoke API keys for the REST API.");
        keys.Subcommands.Add(CreateKey());
        keys.Subcommands.Add(List());
        keys.Subcommands.Add(Revoke());
        return keys;
    }

    private static Command CreateKey()
    {
        var name = new Option<string>("--name")
        {
            Description = $"The key's name: 1 to {ApiKeyRules.MaxNameLength} letters, digits, '.', '_' or '-'.",
            HelpName = "NAME",
            Required = true,
            CustomParser = ParseName,
        };
        var scopes = new Option<string[]>("--scopes")
        {
            Description = $"What the key may do, separated by commas: {string.Join(", ", ApiScopes.All)}. Each stands alone (admin does not include ask).",
            HelpName = "SCOPES",
            Required = true,
            CustomParser = ParseScopes,
        };
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("create", "Create a key and print it: the only time it is shown (only its hash is stored).") { name, scopes, data, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, access: StoreAccess.ReadWrite);
            var service = host.Services.GetRequiredService<ApiKeyService>();
            var (record, secret) = await service.CreateAsync(parse.GetValue(name)!, parse.GetValue(scopes)!, cancellationToken);

            // The note goes to stderr, so stdout holds the key alone: KEY=$(meditron keys create ...).
            await Console.Error.WriteLineAsync(
                $"Created key {record.Name} (scopes: {string.Join(", ", record.Scopes)}). Store it now; it is not shown again.");
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new KeyCreatedReport(record.Name, record.Scopes, record.Prefix, record.CreatedAt, secret));
            }
            else
            {
                Console.WriteLine(secret);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("list", "List keys (revoked ones too): name, prefix, scopes, when created and revoked. Never the key or its hash.") { data, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, access: StoreAccess.ReadWrite);
            string directory = DataDirectory(host);
            if (!HasStore(directory))
            {
                // A mistyped --data must not read as "there are no keys"; and listing never creates a store.
                throw new NothingIndexedException(
                    $"There is no store in {directory}, so no API keys. Check --data (or $MEDITRON_DATA), or create a key: meditron keys create --name NAME --scopes ask --data {directory}");
            }
            var records = await host.Services.GetRequiredService<ApiKeyService>().ListAsync(cancellationToken);
            var entries = records.Select(k => new KeyEntry(k.Name, k.Prefix, k.Scopes, k.CreatedAt, k.RevokedAt, k.LastUsedAt)).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new KeysReport(entries));
            }
            else if (entries.Count == 0)
            {
                await Console.Error.WriteLineAsync($"No API keys in {directory}.");
            }
            else
            {
                foreach (string line in KeysListing.Lines(entries))
                {
                    Console.WriteLine(line);
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke()
    {
        var name = new Argument<string>("NAME") { Description = "The name of the key to revoke, as `meditron keys list` shows it." };
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("revoke", "Revoke a key: it stops working at once; its name may be given to a new key.") { name, data, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, access: StoreAccess.ReadWrite);
            string directory = DataDirectory(host);
            string key = parse.GetValue(name)!;
            // Without a store there is nothing to revoke: say so rather than create an empty store.
            bool revoked = HasStore(directory) && await host.Services.GetRequiredService<ApiKeyService>().RevokeAsync(key, cancellationToken);
            if (!revoked)
            {
                await Console.Error.WriteLineAsync($"meditron: no active API key named '{key}' in {directory} (see 'meditron keys list').");
                return ExitCodes.Error;
            }
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new KeyRevokedReport(key, Revoked: true));
            }
            else
            {
                Console.WriteLine($"Revoked key {key}.");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string ParseName(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (ApiKeyRules.NameError(text) is not null)
        {
            result.AddError($"--name takes 1 to {ApiKeyRules.MaxNameLength} letters, digits, '.', '_' or '-' (got '{text}').");
        }
        return text;
    }

    /// <summary>Comma-separated (and repeatable): `--scopes ask,ingest` or `--scopes ask --scopes ingest`.</summary>
    private static string[] ParseScopes(ArgumentResult result)
    {
        string[] scopes = result.Tokens
            .SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        string? unknown = scopes.FirstOrDefault(s => !ApiScopes.All.Contains(s, StringComparer.Ordinal));
        if (scopes.Length == 0 || unknown is not null)
        {
            string got = string.Join(' ', result.Tokens.Select(t => t.Value));
            result.AddError($"--scopes takes one or more of {string.Join(", ", ApiScopes.All)}, separated by commas (got '{got}').");
        }
        return scopes;
    }

    private static string DataDirectory(IHost host) => host.Services.GetRequiredService<IOptions<DataOptions>>().Value.Directory;

    private static bool HasStore(string directory) => File.Exists(EmbeddedStore.DatabasePathIn(directory));
}
