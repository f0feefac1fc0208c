using YamlDotNet.RepresentationModel;

namespace Meditron.Deploy.Tests;

/// <summary>A Deployment, StatefulSet, Job or CronJob, seen through its pod template.</summary>
internal sealed record Workload(string Kind, string Name, YamlNode PodSpec, IReadOnlyDictionary<string, string> PodLabels)
{
    public static readonly string[] Kinds = ["Deployment", "StatefulSet", "Job", "CronJob"];

    /// <summary>Long-running workloads answer probes; a Job or CronJob runs to completion and has none to answer.</summary>
    public bool Serves => Kind is "Deployment" or "StatefulSet";

    public IEnumerable<YamlNode> Containers => PodSpec.At("containers").Items();

    public IEnumerable<YamlNode> AllContainers => PodSpec.At("initContainers").Items().Concat(Containers);

    public static IReadOnlyList<Workload> In(IEnumerable<Manifest> manifests) =>
        manifests.Where(m => Kinds.Contains(m.Kind)).Select(From).ToList();

    public override string ToString() => $"{Kind}/{Name}";

    private static Workload From(Manifest manifest)
    {
        var template = manifest.Kind == "CronJob"
            ? manifest.Root.At("spec", "jobTemplate", "spec", "template")
            : manifest.Root.At("spec", "template");
        Assert.True(template is not null, $"{manifest.Kind}/{manifest.Name} has no pod template");
        return new Workload(manifest.Kind, manifest.Name, template.At("spec")!, template.At("metadata", "labels").Map());
    }
}
