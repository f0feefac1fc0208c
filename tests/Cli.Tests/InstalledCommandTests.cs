using System.Runtime.InteropServices;

namespace Meditron.Cli.Tests;

/// <summary>
/// The `meditron` command that scripts/setup installs, as packed. (The README's commands through it run
/// on the real corpus: CorpusIngestionTests.The_readme_commands_work_through_the_installed_command.)
/// </summary>
public sealed class InstalledCommandTests
{
    [InstalledCommandFact]
    public void The_installed_tool_carries_only_this_platforms_native_libraries()
    {
        string folder = Path.GetDirectoryName(new FileInfo(InstalledCommand.Path!).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? InstalledCommand.Path!)!;

        var platforms = Directory.GetDirectories(Path.Combine(folder, "runtimes")).Select(Path.GetFileName).ToList();
        Assert.Equal([RuntimeInformation.RuntimeIdentifier], platforms);
        Assert.False(File.Exists(Path.Combine(folder, "onnxruntime.dll")) && !OperatingSystem.IsWindows(), "the Windows ONNX Runtime DLL was packed");
        long bytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(bytes < 250L * 1024 * 1024, $"the tool takes {bytes / (1024 * 1024)} MB (with every platform's libraries: 509 MB)");
    }
}
