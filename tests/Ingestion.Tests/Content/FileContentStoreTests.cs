using System.Security.Cryptography;
using Meditron.Ingestion.Content;

namespace Meditron.Ingestion.Tests.Content;

public sealed class FileContentStoreTests : IDisposable
{
    private static readonly byte[] Bytes = "%PDF-1.7 stored bytes"u8.ToArray();
    private static readonly string Sha256 = Convert.ToHexStringLower(SHA256.HashData(Bytes));

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("meditron-content-");
    private readonly FileContentStore _store;

    public FileContentStoreTests() => _store = new FileContentStore(_dir.FullName);

    public void Dispose() => _dir.Delete(recursive: true);

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Stored_bytes_open_as_a_seekable_stream_of_the_same_bytes()
    {
        string reference = await PutAsync();

        await using var stream = await _store.OpenAsync(reference, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);

        Assert.True(stream.CanSeek);
        Assert.Equal(Bytes, copy.ToArray());
    }

    [Fact]
    public async Task Deleting_removes_the_file_and_a_second_delete_is_harmless()
    {
        string reference = await PutAsync();

        await _store.DeleteAsync(reference, Ct);
        await _store.DeleteAsync(reference, Ct);

        await Assert.ThrowsAsync<FileNotFoundException>(() => _store.OpenAsync(reference, Ct));
    }

    [Fact]
    public async Task A_reference_never_stored_is_missing_and_deleting_it_is_harmless()
    {
        string reference = "sha256:" + new string('b', 64);

        await _store.DeleteAsync(reference, Ct);

        await Assert.ThrowsAsync<FileNotFoundException>(() => _store.OpenAsync(reference, Ct));
    }

    [Fact]
    public async Task A_reader_that_has_the_file_open_keeps_reading_after_a_delete()
    {
        string reference = await PutAsync();
        await using var stream = await _store.OpenAsync(reference, Ct);

        await _store.DeleteAsync(reference, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);

        Assert.Equal(Bytes, copy.ToArray());
    }

    [Fact]
    public async Task An_unknown_reference_scheme_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync("s3://bucket/x.pdf", Ct));
    }

    private async Task<string> PutAsync()
    {
        using var input = new MemoryStream(Bytes);
        return await _store.PutAsync(input, Sha256, Ct);
    }
}
