using System.Security.Cryptography;
using Meditron.Core.Documents;
using Meditron.Core.Messages;
using Meditron.Core.Ports;

namespace Meditron.Ingestion.Intake;

/// <summary>
/// Takes a file in: hashes it, stores the original bytes, registers it as pending and returns the
/// <see cref="IngestDocument"/> message for the ingestion handler. The document id is derived from
/// the content hash, so the same bytes are recognised (and skipped) however they are named.
/// </summary>
public sealed class DocumentIntake(IContentStore content, IDocumentRegistry registry, TimeProvider clock)
{
    public static string DocumentIdFor(string sha256) => "doc_" + sha256[..16];

    public async Task<IntakeResult> TakeAsync(string filePath, DocumentMetadata metadata, CancellationToken cancellationToken)
    {
        string sha256 = await HashAsync(filePath, cancellationToken);
        string documentId = DocumentIdFor(sha256);
        var existing = await registry.GetAsync(documentId, cancellationToken);
        if (existing is { Status: DocumentStatus.Indexed })
        {
            return new IntakeResult(existing, null);
        }

        string contentRef;
        await using (var file = File.OpenRead(filePath))
        {
            contentRef = await content.PutAsync(file, sha256, cancellationToken);
        }
        var now = clock.GetUtcNow();
        var document = await registry.RegisterAsync(
            new DocumentRecord
            {
                DocumentId = documentId,
                File = Path.GetFileName(filePath),
                Sha256 = sha256,
                ContentRef = contentRef,
                Metadata = metadata,
                Status = DocumentStatus.Pending,
                CreatedAt = now,
                UpdatedAt = now,
            },
            cancellationToken);
        return new IntakeResult(document, new IngestDocument(documentId, contentRef));
    }

    private static async Task<string> HashAsync(string filePath, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(filePath);
        byte[] hash = await SHA256.HashDataAsync(file, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }
}
