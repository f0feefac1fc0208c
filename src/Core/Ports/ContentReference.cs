using System.Globalization;

namespace Meditron.Core.Ports;

/// <summary>
/// How every <see cref="IContentStore"/> names stored bytes: "sha256:" and the lowercase hex digest, so a reference
/// means the same bytes whichever store holds them.
/// </summary>
public static class ContentReference
{
    public const string Scheme = "sha256:";

    /// <summary>The reference of bytes with this digest (any case, surrounding space ignored).</summary>
    /// <exception cref="ArgumentException">Not a SHA-256 hex digest.</exception>
    public static string For(string sha256) => Scheme + Digest(sha256);

    /// <summary>The lowercase hex digest a reference names.</summary>
    /// <exception cref="ArgumentException">An unknown scheme, or not a SHA-256 hex digest.</exception>
    public static string DigestOf(string contentRef)
    {
        ArgumentNullException.ThrowIfNull(contentRef);
        if (!contentRef.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Unknown content reference '{contentRef}'.", nameof(contentRef));
        }
        return Digest(contentRef[Scheme.Length..]);
    }

    private static string Digest(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        string hex = sha256.Trim().ToLowerInvariant();
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Not a SHA-256 hex digest: '{sha256}'."), nameof(sha256));
        }
        return hex;
    }
}
