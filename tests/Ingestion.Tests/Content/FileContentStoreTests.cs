using Meditron.Core.Ports;
using Meditron.Ingestion.Content;

namespace Meditron.Ingestion.Tests.Content;

/// <summary>The <see cref="ContentStoreContract"/> on files under the data directory, and what only files do.</summary>
public sealed class FileContentStoreTests : ContentStoreContract, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("meditron-content-");
    private readonly FileContentStore _store;

    public FileContentStoreTests() => _store = new FileContentStore(_dir.FullName);

    protected override IContentStore Store => _store;

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Bytes_land_in_one_file_named_by_their_hash_and_no_temporary_file_is_left()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PutAsync())));

        string file = Assert.Single(Directory.GetFiles(_dir.FullName, "*", SearchOption.AllDirectories));
        Assert.Equal(Path.Combine(_dir.FullName, "content", Sha256[..2], Sha256 + ".pdf"), file);
    }
}
