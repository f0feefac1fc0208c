using System.Collections.Concurrent;
using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Meditron.Deploy.Tests;

/// <summary>One object of the rendered overlay.</summary>
internal sealed record Manifest(string Kind, string Name, YamlMappingNode Root);

/// <summary>
/// `kubectl kustomize deploy/k8s/overlays/NAME`, run as a process with the kubectl on PATH (scripts/setup installs
/// Debian's when there is none), parsed as the multi-document YAML it prints. Rendered once per overlay per run.
/// </summary>
internal static class RenderedOverlay
{
    public const string Dev = "dev";
    public const string Production = "production";

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<Manifest>>> Rendered = new(StringComparer.Ordinal);

    public static IReadOnlyList<Manifest> Of(string overlay) =>
        Rendered.GetOrAdd(overlay, name => new Lazy<IReadOnlyList<Manifest>>(() => Render(name), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public static IEnumerable<Manifest> OfKind(this IEnumerable<Manifest> manifests, string kind) =>
        manifests.Where(m => m.Kind == kind);

    public static Manifest Single(this IEnumerable<Manifest> manifests, string kind, string name) =>
        Assert.Single(manifests, m => m.Kind == kind && m.Name == name);

    private static List<Manifest> Render(string overlay)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(Repository.Combine("deploy", "k8s", "overlays", overlay));
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kubectl is not on PATH: run scripts/setup (it installs Debian's kubernetes-client).", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string yaml = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"kubectl kustomize overlays/{overlay} failed ({process.ExitCode}): {stderr.Result}");
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents
                .Select(d => (YamlMappingNode)d.RootNode)
                .Select(root => new Manifest(root.At("kind").Text()!, root.At("metadata", "name").Text()!, root))
                .ToList();
        }
    }
}
