using System.Security.Cryptography;
using Meditron.Core.Ports;

namespace Meditron.Tests.Contracts;

/// <summary>
/// What every <see cref="IContentStore"/> promises, run on each provider by a subclass that builds <see cref="Store"/>
/// on an empty store.
/// </summary>
public abstract class ContentStoreContract
{
    protected static readonly byte[] Bytes = "%PDF-1.7 stored bytes"u8.ToArray();
    protected static readonly string Sha256 = Convert.ToHexStringLower(SHA256.HashData(Bytes));

    protected abstract IContentStore Store { get; }

    protected static CancellationToken Ct => CancellationToken.None;

    [SkippableFact]
    public async Task Stored_bytes_open_as_a_seekable_stream_of_the_same_bytes()
    {
        string reference = await PutAsync();

        await using var stream = await Store.OpenAsync(reference, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);

        Assert.True(stream.CanSeek);
        Assert.Equal(Bytes, copy.ToArray());
    }

    [SkippableFact]
    public async Task The_same_bytes_stored_twice_give_one_reference()
    {
        string first = await PutAsync();
        string second = await PutAsync(Bytes, Sha256.ToUpperInvariant());

        Assert.Equal(first, second);
        Assert.Equal(Bytes, await ReadAllAsync(second));
    }

    [SkippableFact]
    public async Task The_same_bytes_stored_at_once_by_many_callers_give_one_reference()
    {
        var puts = Enumerable.Range(0, 8).Select(_ => Task.Run(() => PutAsync()));

        string[] references = await Task.WhenAll(puts);

        Assert.Single(references.Distinct());
        Assert.Equal(Bytes, await ReadAllAsync(references[0]));
    }

    [SkippableFact]
    public async Task A_large_file_round_trips()
    {
        byte[] large = new byte[5 * 1024 * 1024];
        new Random(14).NextBytes(large);

        string reference = await PutAsync(large, Convert.ToHexStringLower(SHA256.HashData(large)));

        Assert.Equal(large, await ReadAllAsync(reference));
    }

    [SkippableFact]
    public async Task Deleting_removes_the_bytes_and_a_second_delete_is_harmless()
    {
        string reference = await PutAsync();

        await Store.DeleteAsync(reference, Ct);
        await Store.DeleteAsync(reference, Ct);

        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenAsync(reference, Ct));
    }

    [SkippableFact]
    public async Task A_reference_never_stored_is_missing_and_deleting_it_is_harmless()
    {
        string reference = "sha256:" + new string('b', 64);

        await Store.DeleteAsync(reference, Ct);

        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenAsync(reference, Ct));
    }

    [SkippableFact]
    public async Task A_reader_that_has_the_bytes_open_keeps_reading_after_a_delete()
    {
        string reference = await PutAsync();
        await using var stream = await Store.OpenAsync(reference, Ct);

        await Store.DeleteAsync(reference, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);

        Assert.Equal(Bytes, copy.ToArray());
    }

    [SkippableFact]
    public async Task An_unknown_reference_scheme_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync("s3://bucket/x.pdf", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenAsync("s3://bucket/x.pdf", Ct));
    }

    [SkippableFact]
    public async Task A_hash_that_is_not_a_sha256_digest_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => PutAsync(Bytes, "not-a-digest"));
    }

    protected async Task<string> PutAsync() => await PutAsync(Bytes, Sha256);

    protected async Task<string> PutAsync(byte[] bytes, string sha256)
    {
        using var input = new MemoryStream(bytes);
        return await Store.PutAsync(input, sha256, Ct);
    }

    protected async Task<byte[]> ReadAllAsync(string reference)
    {
        await using var stream = await Store.OpenAsync(reference, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }
}
