namespace Meditron.Cli.Output;

/// <summary>
/// The parts of the progress line on a terminal, already fitted to its width: the file name
/// (shortened), a bar of <see cref="BarDone"/> + <see cref="BarLeft"/> cells, then the figures.
/// </summary>
internal sealed record TerminalProgressLine(string Name, int BarDone, int BarLeft, string Figures)
{
    public int BarWidth => BarDone + BarLeft;

    /// <summary>The line as plain text ('#' done, '-' left): exactly as wide as the rendered line.</summary>
    public override string ToString() =>
        string.Join(' ', new[] { Name, new string('#', BarDone) + new string('-', BarLeft), Figures }.Where(part => part.Length > 0));
}
