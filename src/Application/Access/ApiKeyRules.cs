using System.Text.RegularExpressions;
using Meditron.Core.Access;

namespace Meditron.Application.Access;

/// <summary>What a key's name and scopes may be; the CLI checks a command line with the same rules before it starts.</summary>
public static partial class ApiKeyRules
{
    public const int MaxNameLength = 64;

    /// <summary>Why the name is not allowed, or null when it is.</summary>
    public static string? NameError(string? name) =>
        name is not null && NamePattern().IsMatch(name)
            ? null
            : $"A key name is 1 to {MaxNameLength} letters, digits, '.', '_' or '-' (got '{name}').";

    /// <summary>Why the scopes are not allowed (none, or one that is not a scope), or null when they are.</summary>
    public static string? ScopesError(IEnumerable<string>? scopes)
    {
        var given = scopes?.ToList() ?? [];
        if (given.Count == 0)
        {
            return $"A key needs at least one scope: {string.Join(", ", ApiScopes.All)}.";
        }
        foreach (string scope in given)
        {
            if (!ApiScopes.All.Contains(scope, StringComparer.Ordinal))
            {
                return $"Unknown scope '{scope}': the scopes are {string.Join(", ", ApiScopes.All)}.";
            }
        }
        return null;
    }

    /// <summary>Valid scopes without repeats, in the order of <see cref="ApiScopes.All"/>.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> scopes)
    {
        var given = scopes.ToHashSet(StringComparer.Ordinal);
        return ApiScopes.All.Where(given.Contains).ToList();
    }

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
