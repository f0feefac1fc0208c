using Meditron.Retrieval.Embedded;

namespace Meditron.Retrieval.Tests.Embedded;

/// <summary>A fresh data directory under the temp folder, deleted afterwards.</summary>
internal sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "meditron-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public EmbeddedStore OpenStore(TimeProvider? clock = null, bool pooling = true, string? path = null) =>
        new(new EmbeddedStoreOptions { DataDirectory = path ?? Path, Pooling = pooling }, timeProvider: clock);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may still be open on some platforms; the temp folder is cleaned eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
