using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// Deterministic point ids: the same (document, edition, chunk number) always gives the same id,
/// so a repeated upsert overwrites instead of duplicating.
/// </summary>
/// <remarks>
/// Shared by every index adapter (Qdrant too); it lives here until it moves to src/Retrieval/PointIds.cs.
/// The id is an RFC 9562 version 8 UUID built from SHA-256 of a length-prefixed encoding of the three
/// parts under a fixed namespace, so no two distinct triples can collide by concatenation.
/// </remarks>
public static class PointIds
{
    private static readonly byte[] Namespace = Encoding.UTF8.GetBytes("meditron/point/v1");

    public static Guid For(string documentId, string edition, int chunkNo)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentOutOfRangeException.ThrowIfNegative(chunkNo);

        int idBytes = Encoding.UTF8.GetByteCount(documentId);
        int editionBytes = Encoding.UTF8.GetByteCount(edition);
        byte[] buffer = new byte[Namespace.Length + 4 + idBytes + 4 + editionBytes + 4];
        var span = buffer.AsSpan();
        Namespace.CopyTo(span);
        span = span[Namespace.Length..];
        BinaryPrimitives.WriteInt32BigEndian(span, idBytes);
        Encoding.UTF8.GetBytes(documentId, span[4..]);
        span = span[(4 + idBytes)..];
        BinaryPrimitives.WriteInt32BigEndian(span, editionBytes);
        Encoding.UTF8.GetBytes(edition, span[4..]);
        span = span[(4 + editionBytes)..];
        BinaryPrimitives.WriteInt32BigEndian(span, chunkNo);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer, hash);
        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80); // version 8 (custom, name-based)
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(uuid, bigEndian: true);
    }
}
