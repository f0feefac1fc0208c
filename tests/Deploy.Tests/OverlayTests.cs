namespace Meditron.Deploy.Tests;

/// <summary>The promises of deploy/k8s, checked on what `kubectl kustomize` renders for each overlay.</summary>
public sealed class OverlayTests
{
    public static TheoryData<string> Overlays => new() { RenderedOverlay.Dev, RenderedOverlay.Production };

    private static readonly string[] Workers = ["meditron-ingestion", "meditron-generation"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void It_renders_every_part_of_the_cluster_shape(string overlay)
    {
        var rendered = RenderedOverlay.Of(overlay);

        rendered.Single("Deployment", "meditron-api");
        rendered.Single("Service", "meditron-api");
        rendered.Single("HorizontalPodAutoscaler", "meditron-api");
        rendered.Single("Deployment", "meditron-ingestion");
        rendered.Single("Deployment", "meditron-generation");
        rendered.Single("StatefulSet", "qdrant");
        rendered.Single("RabbitmqCluster", "rabbitmq");
        rendered.Single("Cluster", "postgres");
        rendered.Single("ConfigMap", "meditron-settings");
        Assert.All(rendered, m => Assert.Equal(overlay == RenderedOverlay.Dev ? "meditron-dev" : "meditron", m.Root.At("metadata", "namespace").Text()));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Serving_workloads_have_liveness_and_readiness_probes(string overlay)
    {
        // Jobs and CronJobs (the guideline update) run to completion: nothing to probe.
        var serving = Workload.In(RenderedOverlay.Of(overlay)).Where(w => w.Serves).ToList();

        Assert.NotEmpty(serving);
        Assert.All(serving, w => Assert.All(w.Containers, c =>
        {
            Assert.True(c.At("livenessProbe") is not null, $"{w} container {c.At("name").Text()} has no livenessProbe");
            Assert.True(c.At("readinessProbe") is not null, $"{w} container {c.At("name").Text()} has no readinessProbe");
        }));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_has_cpu_and_memory_requests_and_limits(string overlay)
    {
        foreach (var workload in Workload.In(RenderedOverlay.Of(overlay)))
        {
            Assert.All(workload.AllContainers, c =>
            {
                foreach (string bound in new[] { "requests", "limits" })
                {
                    foreach (string resource in new[] { "cpu", "memory" })
                    {
                        Assert.True(c.At("resources", bound, resource).Text() is { Length: > 0 }, $"{workload} container {c.At("name").Text()}: no {bound}.{resource}");
                    }
                }
            });
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_workload_runs_non_root_read_only_without_privileges(string overlay)
    {
        foreach (var workload in Workload.In(RenderedOverlay.Of(overlay)))
        {
            Assert.True(workload.PodSpec.At("securityContext", "runAsNonRoot").IsTrue(), $"{workload}: runAsNonRoot");
            Assert.NotEqual("0", workload.PodSpec.At("securityContext", "runAsUser").Text());
            Assert.All(workload.AllContainers, c => AssertHardened(c, $"{workload} container {c.At("name").Text()}"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_operator_managed_rabbitmq_is_hardened_and_sized_as_well(string overlay)
    {
        var rabbit = RenderedOverlay.Of(overlay).Single("RabbitmqCluster", "rabbitmq").Root;
        var pod = rabbit.At("spec", "override", "statefulSet", "spec", "template", "spec");

        Assert.True(pod.At("securityContext", "runAsNonRoot").IsTrue());
        var containers = pod.At("initContainers").Items().Concat(pod.At("containers").Items()).ToList();
        Assert.Equal(["setup-container", "rabbitmq"], containers.Select(c => c.At("name").Text()));
        Assert.All(containers, c => AssertHardened(c, $"rabbitmq {c.At("name").Text()}"));
        Assert.NotNull(rabbit.At("spec", "resources", "limits", "memory"));
        Assert.Contains("default_queue_type = quorum", rabbit.At("spec", "rabbitmq", "additionalConfig").Text(), StringComparison.Ordinal);
        Assert.NotNull(RenderedOverlay.Of(overlay).Single("Cluster", "postgres").Root.At("spec", "resources", "limits", "memory"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_image_is_pinned_by_tag_never_latest(string overlay)
    {
        var rendered = RenderedOverlay.Of(overlay);
        var images = Workload.In(rendered).SelectMany(w => w.AllContainers.Select(c => (Where: w.ToString(), Image: c.At("image").Text() ?? "")))
            .Append((Where: "RabbitmqCluster/rabbitmq", Image: rendered.Single("RabbitmqCluster", "rabbitmq").Root.At("spec", "image").Text() ?? ""))
            .Append((Where: "Cluster/postgres", Image: rendered.Single("Cluster", "postgres").Root.At("spec", "imageName").Text() ?? ""))
            .ToList();

        Assert.All(images, i => Assert.True(ImageReference.IsPinned(i.Image), $"{i.Where}: image '{i.Image}' is not pinned"));
        // The kustomize `images:` replaced the placeholders of the base.
        Assert.DoesNotContain(images, i => i.Image is "meditron" or "meditron-cuda");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_generation_worker_runs_on_a_gpu_node_with_its_model_pulled_first(string overlay)
    {
        var generation = Workload.In(RenderedOverlay.Of(overlay)).Single(w => w.Name == "meditron-generation");
        var worker = Assert.Single(generation.Containers);

        Assert.Equal("1", worker.At("resources", "limits", "nvidia.com/gpu").Text());
        Assert.NotEmpty(generation.PodSpec.At("nodeSelector").Map());
        Assert.Contains(generation.PodSpec.At("tolerations").Items(), t => t.At("key").Text() == "nvidia.com/gpu");
        Assert.Contains("-cuda", worker.At("image").Text(), StringComparison.Ordinal);
        var pull = Assert.Single(generation.PodSpec.At("initContainers").Items());
        Assert.Equal(["models", "pull"], pull.At("args").Items().Take(2).Select(a => a.Text()));
        string model = pull.At("args").Items()[2].Text()!;
        Assert.Contains(worker.At("env").Items(), e => e.At("name").Text() == "MEDITRON_Generation__Llama__ModelPath" && e.At("value").Text()!.Contains(model, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Workers_serve_their_probes_on_the_health_urls_port(string overlay)
    {
        foreach (var worker in Workload.In(RenderedOverlay.Of(overlay)).Where(w => Workers.Contains(w.Name)))
        {
            var container = Assert.Single(worker.Containers);
            var args = container.At("args").Items().Select(a => a.Text()).ToList();
            Assert.Equal("worker", args[0]);
            Assert.Equal("http://0.0.0.0:8081", args[args.IndexOf("--health-urls") + 1]);
            Assert.Equal("/readyz", container.At("readinessProbe", "httpGet", "path").Text());
            Assert.Equal("/healthz", container.At("livenessProbe", "httpGet", "path").Text());
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Each_worker_is_scaled_by_keda_on_its_queue(string overlay)
    {
        var rendered = RenderedOverlay.Of(overlay);
        var scaled = rendered.OfKind("ScaledObject").ToList();
        var queues = new Dictionary<string, string> { ["meditron-ingestion"] = "ingest", ["meditron-generation"] = "generate" };

        foreach (var (deployment, queue) in queues)
        {
            var scaler = Assert.Single(scaled, s => s.Root.At("spec", "scaleTargetRef", "name").Text() == deployment);
            var trigger = Assert.Single(scaler.Root.At("spec", "triggers").Items());
            Assert.Equal("rabbitmq", trigger.At("type").Text());
            Assert.Equal(queue, trigger.At("metadata", "queueName").Text());
            string auth = trigger.At("authenticationRef", "name").Text()!;
            rendered.Single("TriggerAuthentication", auth);
        }
        string generationMinimum = scaled.Single(s => s.Name == "meditron-generation").Root.At("spec", "minReplicaCount").Text()!;
        Assert.Equal(overlay == RenderedOverlay.Dev ? "0" : "1", generationMinimum);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Network_policies_select_every_workload_and_only_the_api_is_open(string overlay)
    {
        var rendered = RenderedOverlay.Of(overlay);
        var policies = rendered.OfKind("NetworkPolicy").ToList();
        var defaultDeny = Assert.Single(policies, p => p.Name == "default-deny");
        Assert.Equal(["Ingress", "Egress"], defaultDeny.Root.At("spec", "policyTypes").Items().Select(t => t.Text()));

        var specific = policies.Where(p => !PodSelector.SelectsAll(p.Root.At("spec", "podSelector"))).ToList();
        foreach (var workload in Workload.In(rendered))
        {
            Assert.True(specific.Any(p => PodSelector.Selects(p.Root.At("spec", "podSelector"), workload.PodLabels)), $"no NetworkPolicy of its own selects {workload}");
        }
        // An ingress rule without `from` admits anyone: only the API's.
        var open = policies.Where(p => p.Root.At("spec", "ingress").Items().Any(rule => rule.At("from") is null)).ToList();
        var api = Assert.Single(open);
        Assert.Equal("meditron-api", api.Root.At("spec", "podSelector", "matchLabels").Map()["app.kubernetes.io/name"]);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_update_cronjob_and_the_disruption_budgets_exist(string overlay)
    {
        var rendered = RenderedOverlay.Of(overlay);
        var sync = Workload.In(rendered).Single(w => w is { Kind: "CronJob", Name: "meditron-sync" });
        Assert.Equal("sync", Assert.Single(sync.Containers).At("args").Items()[0].Text());

        var budgets = rendered.OfKind("PodDisruptionBudget").Select(p => p.Root.At("spec", "selector", "matchLabels").Map()["app.kubernetes.io/name"]).ToList();
        Assert.Contains("meditron-api", budgets);
        Assert.Contains("qdrant", budgets);
        Assert.Contains("rabbitmq", budgets);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_secret_value_is_committed(string overlay)
    {
        var rendered = RenderedOverlay.Of(overlay);

        Assert.All(rendered.OfKind("Secret"), s =>
        {
            Assert.Null(s.Root.At("data"));
            Assert.Null(s.Root.At("stringData"));
        });
        // Connection strings and keys come from Secrets; the ConfigMap holds none.
        var settings = rendered.Single("ConfigMap", "meditron-settings").Root.At("data").Map();
        Assert.DoesNotContain(settings.Keys, k => k.Contains("ConnectionString", StringComparison.Ordinal) || k.EndsWith("ApiKey", StringComparison.Ordinal));
        foreach (var workload in Workload.In(rendered))
        {
            foreach (var env in workload.AllContainers.SelectMany(c => c.At("env").Items()))
            {
                string name = env.At("name").Text()!;
                if (name.EndsWith("ApiKey", StringComparison.Ordinal) || name.EndsWith("PASSWORD", StringComparison.Ordinal) || name.EndsWith("AccessToken", StringComparison.Ordinal))
                {
                    Assert.True(env.At("valueFrom", "secretKeyRef") is not null, $"{workload}: {name} is not read from a Secret");
                }
            }
        }
    }

    [Fact]
    public void Production_runs_replicated_backends()
    {
        var rendered = RenderedOverlay.Of(RenderedOverlay.Production);
        var settings = rendered.Single("ConfigMap", "meditron-settings").Root.At("data").Map();

        Assert.Equal("3", rendered.Single("StatefulSet", "qdrant").Root.At("spec", "replicas").Text());
        Assert.True(int.Parse(settings["MEDITRON_Index__Qdrant__ReplicationFactor"], System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.Equal("3", rendered.Single("RabbitmqCluster", "rabbitmq").Root.At("spec", "replicas").Text());
        Assert.Equal("3", rendered.Single("Cluster", "postgres").Root.At("spec", "instances").Text());
        Assert.NotNull(rendered.Single("Cluster", "postgres").Root.At("spec", "backup"));
    }

    private static void AssertHardened(YamlDotNet.RepresentationModel.YamlNode container, string what)
    {
        var security = container.At("securityContext");
        Assert.True(security.At("allowPrivilegeEscalation").Text() == "false", $"{what}: allowPrivilegeEscalation");
        Assert.True(security.At("readOnlyRootFilesystem").IsTrue(), $"{what}: readOnlyRootFilesystem");
        Assert.True(security.At("capabilities", "drop").Items().Any(d => d.Text() == "ALL"), $"{what}: capabilities.drop ALL");
    }
}
