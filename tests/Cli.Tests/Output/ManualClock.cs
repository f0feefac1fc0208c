namespace Meditron.Cli.Tests.Output;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock
{
    public TimeSpan Now { get; set; }

    public TimeSpan Read() => Now;

    public void Advance(double seconds) => Now += TimeSpan.FromSeconds(seconds);
}
