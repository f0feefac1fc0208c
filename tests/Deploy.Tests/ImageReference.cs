namespace Meditron.Deploy.Tests;

/// <summary>An image is pinned when it names a digest or an explicit tag other than `latest` (a bare name means latest).</summary>
internal static class ImageReference
{
    public static bool IsPinned(string image)
    {
        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return true;
        }
        string last = image[(image.LastIndexOf('/') + 1)..]; // a registry's port is not a tag
        int colon = last.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < last.Length - 1 && !string.Equals(last[(colon + 1)..], "latest", StringComparison.OrdinalIgnoreCase);
    }
}
