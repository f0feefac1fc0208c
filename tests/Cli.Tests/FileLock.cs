namespace Meditron.Cli.Tests;

/// <summary>An exclusive lock on a file, held across processes (test projects run in parallel).</summary>
internal sealed class FileLock : IAsyncDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, Action onFirstWait)
    {
        bool waited = false;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                if (!waited)
                {
                    onFirstWait();
                    waited = true;
                }
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
