namespace Meditron.Ingestion.Extraction;

/// <summary>The PDF as a temporary file for the OCR tools, written on first use and deleted on dispose.</summary>
internal sealed class OcrSource(byte[] bytes) : IDisposable
{
    private readonly Lock gate = new();
    private string? path;

    public string Path
    {
        get
        {
            lock (gate)
            {
                if (path is null)
                {
                    var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"meditron-extract-{Guid.NewGuid():N}.pdf");
                    File.WriteAllBytes(file, bytes);
                    path = file;
                }

                return path;
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (path is not null)
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }

                path = null;
            }
        }
    }
}
