using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Meditron.Application.Access;

/// <summary>How a key's secret is made, hashed and shown.</summary>
public static class ApiKeySecrets
{
    /// <summary>Marks a Meditron key, so one pasted in the wrong place (or found by a secret scanner) is recognised.</summary>
    public const string Marker = "mdk_";

    /// <summary>Characters of the secret kept as its prefix: the marker and 8 random characters (48 of the 256 bits).</summary>
    public const int PrefixLength = 12;

    private const int RandomBytes = 32;

    /// <summary>"mdk_" + 32 random bytes in base64url without padding (47 characters).</summary>
    public static string Generate() => Marker + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>
    /// Lowercase hex SHA-256 of the secret. A plain, fast hash is right here: the secret is 256 random bits, so
    /// there is nothing to guess from the hash that a slow password hash (and its salt) would protect; and it lets a
    /// key be found by an index lookup on its hash.
    /// </summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    public static string PrefixOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret[..Math.Min(PrefixLength, secret.Length)];
    }
}
