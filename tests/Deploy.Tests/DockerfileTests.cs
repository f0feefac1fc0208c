using System.Text.RegularExpressions;

namespace Meditron.Deploy.Tests;

/// <summary>deploy/docker: no container engine runs here, so the images' promises are read from the Dockerfiles.</summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string> Files => new() { "Dockerfile", "Dockerfile.cuda" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_base_image_is_pinned_by_tag_or_is_an_earlier_stage(string file)
    {
        var dockerfile = Read(file);
        var stages = new List<string>();

        foreach (string from in dockerfile.All("FROM"))
        {
            var parts = from.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string image = parts.First(p => !p.StartsWith("--", StringComparison.Ordinal));
            Assert.True(stages.Contains(image) || ImageReference.IsPinned(image), $"{file}: FROM {image} is not pinned");
            if (parts.Length >= 3 && string.Equals(parts[^2], "AS", StringComparison.OrdinalIgnoreCase))
            {
                stages.Add(parts[^1]);
            }
        }
        // COPY --from=IMAGE pulls an image too.
        foreach (string copy in dockerfile.All("COPY"))
        {
            if (CopyFrom().Match(copy) is { Success: true } source && !stages.Contains(source.Groups[1].Value))
            {
                Assert.True(ImageReference.IsPinned(source.Groups[1].Value), $"{file}: COPY --from={source.Groups[1].Value} is not pinned");
            }
        }
        Assert.True(stages.Count >= 2, $"{file}: a build stage and a runtime stage");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void It_runs_as_a_numeric_non_root_user(string file)
    {
        string user = Read(file).All("USER").Last();
        string uid = user.Split(':')[0];

        Assert.True(int.TryParse(uid, out int id) && id > 0, $"{file}: USER {user} is not a numeric non-root uid (runAsNonRoot can only verify a number)");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void It_carries_no_secret(string file)
    {
        var dockerfile = Read(file);
        var settings = dockerfile.All("ENV").Concat(dockerfile.All("ARG")).Concat(dockerfile.All("LABEL"));

        Assert.All(settings, s => Assert.False(SecretName().IsMatch(s), $"{file}: '{s}' looks like a secret baked into the image"));
        Assert.DoesNotContain(dockerfile.All("COPY").Concat(dockerfile.All("ADD")), c => c.Contains(".env", StringComparison.Ordinal) || c.Contains("appsettings.Production", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void It_checks_its_health_on_a_probe_endpoint(string file)
    {
        var dockerfile = Read(file);

        string check = Assert.Single(dockerfile.All("HEALTHCHECK"));
        Assert.Contains("/healthz", check, StringComparison.Ordinal);
        Assert.NotEmpty(dockerfile.All("EXPOSE"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_role_is_the_command_of_the_meditron_entrypoint(string file)
    {
        var dockerfile = Read(file);

        Assert.Equal("[\"meditron\"]", dockerfile.All("ENTRYPOINT").Last().Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("/data", dockerfile.All("VOLUME").Last(), StringComparison.Ordinal);
        Assert.Contains("/models", dockerfile.All("VOLUME").Last(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_cuda_image_builds_the_cuda_backend_on_a_cuda_12_runtime()
    {
        var cuda = Read("Dockerfile.cuda");

        Assert.Contains(cuda.All("RUN"), r => r.Contains("dotnet publish", StringComparison.Ordinal) && r.Contains("-p:LlamaBackend=Cuda12", StringComparison.Ordinal));
        Assert.Contains(cuda.All("FROM"), f => f.StartsWith("nvidia/cuda:12.", StringComparison.Ordinal) && f.Contains("runtime", StringComparison.Ordinal));
        Assert.Contains("worker", cuda.All("CMD").Last(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_main_image_has_the_ocr_tools()
    {
        string install = string.Join(' ', Read("Dockerfile").All("RUN"));

        foreach (string package in new[] { "tesseract-ocr", "tesseract-ocr-eng", "tesseract-ocr-fra", "tesseract-ocr-spa", "poppler-utils" })
        {
            Assert.Contains(" " + package + " ", install, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_build_context_leaves_out_build_outputs_and_local_state()
    {
        var ignored = File.ReadAllLines(Repository.Combine(".dockerignore")).Select(l => l.Trim()).ToList();

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git/", ignored);
        Assert.Contains("data/", ignored);
    }

    private static Dockerfile Read(string file) => Dockerfile.Read(Repository.Combine("deploy", "docker", file));

    [GeneratedRegex(@"(?i)(password|passwd|secret|api_?key|access_?token|connectionstring)\S*\s*=")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"--from=(\S+)")]
    private static partial Regex CopyFrom();
}
