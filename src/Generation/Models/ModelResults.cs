namespace Meditron.Generation.Models;

/// <summary>A file as the hub describes it: size and the sha256 of its content (the LFS object id).</summary>
public sealed record RemoteFile(string Repository, string Path, long Size, string Sha256);

/// <summary>The outcome of <see cref="ModelDownloader.PullAsync"/>.</summary>
/// <param name="AlreadyPresent">True when a verified copy (sidecar hash equal to the hub's, same size) was already there and nothing was downloaded.</param>
/// <param name="ResumedFromBytes">Bytes of a partial file from an earlier pull that this pull started from.</param>
/// <param name="Attempts">Download attempts made in this call.</param>
public sealed record PullResult(ModelEntry Model, string Path, long Bytes, string Sha256, bool AlreadyPresent, long ResumedFromBytes, int Attempts);

/// <summary>The outcome of <see cref="ModelDownloader.VerifyAsync"/>.</summary>
/// <param name="Source">Where the expected hash came from: <see cref="SidecarSource"/> (written at pull time, offline) or <see cref="HubSource"/>.</param>
public sealed record VerifyResult(ModelEntry Model, string Path, bool Ok, string Expected, string Actual, string Source)
{
    public const string SidecarSource = "sidecar";
    public const string HubSource = "hub";
}

/// <summary>A catalog entry and whether its file is in the models directory.</summary>
public sealed record LocalModel(ModelEntry Model, bool Present, string? Path, long? Bytes);

/// <summary>The downloaded bytes do not hash to what the hub says they should.</summary>
public sealed class ModelIntegrityException : Exception
{
    public ModelIntegrityException()
    {
    }

    public ModelIntegrityException(string message) : base(message)
    {
    }

    public ModelIntegrityException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ModelIntegrityException(string file, string expected, string actual)
        : base($"sha256 mismatch for {file}: expected {expected}, got {actual}")
    {
        Expected = expected;
        Actual = actual;
    }

    public string? Expected { get; }

    public string? Actual { get; }
}
