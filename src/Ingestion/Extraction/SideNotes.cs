namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Side notes: short titles set in small type in a strip beside the text, level with the clause they name, as
/// regulations and acts print them ("Asylum seeker pass." beside regulation 6 of the Kenya refugee regulations). Read
/// as a column, they come after the page's text, all together and out of place. Each is moved to the line it stands
/// beside, the text block split there, and the note marked as that clause's heading (<see cref="LayoutBlock.SideNote"/>).
/// </summary>
internal static class SideNotes
{
    /// <summary>A note's type is at most this share of the text's.</summary>
    private const double SmallerType = 0.9;

    /// <summary>The strip of notes is at most this share of the text's width.</summary>
    private const double StripWidth = 0.3;

    /// <summary>A note is a few short lines.</summary>
    private const int MaxLines = 6;

    private const int MaxLength = 100;

    /// <summary>Text lines a page needs before a note can be told from the text.</summary>
    private const int MinTextLines = 5;

    public static List<LayoutBlock> Place(List<LayoutBlock> blocks)
    {
        var lines = blocks.Where(b => b.Kind == LayoutBlockKind.Text).SelectMany(b => b.Lines).Where(l => l.MarginZone == 0).ToList();
        if (lines.Count < MinTextLines)
        {
            return blocks;
        }
        var textSize = lines.OrderBy(l => l.FontSize).ElementAt(lines.Count / 2).FontSize;
        var text = lines.Where(l => l.FontSize > SmallerType * textSize).ToList();
        if (text.Count < MinTextLines)
        {
            return blocks;
        }
        var left = text.Min(l => l.Left);
        var right = text.Max(l => l.Right);
        var notes = blocks.Where(b => IsNote(b, textSize, left, right)).ToList();
        if (notes.Count == 0)
        {
            return blocks;
        }

        var placed = blocks.Except(notes).ToList();
        foreach (var note in notes)
        {
            Insert(placed, note, textSize);
        }
        return placed;
    }

    private static bool IsNote(LayoutBlock block, double textSize, double left, double right)
    {
        if (block.Kind != LayoutBlockKind.Text || block.Lines.Count > MaxLines || block.Lines.Any(l => l.MarginZone != 0 || l.FontSize > SmallerType * textSize))
        {
            return false;
        }
        var first = block.Lines[0].Text;
        var length = block.Lines.Sum(l => l.Text.Length);
        var beside = block.Lines.All(l => l.Left >= right - 1) || block.Lines.All(l => l.Right <= left + 1);
        var width = block.Lines.Max(l => l.Right) - block.Lines.Min(l => l.Left);
        // A note's words continued from the page before ("centres.") name no clause here.
        return beside && width <= StripWidth * (right - left) && length <= MaxLength && first.Length > 0 && char.IsUpper(first[0]);
    }

    /// <summary>Puts the note before the text line level with its first line, splitting that line's block; a note level with no line stays where it was read.</summary>
    private static void Insert(List<LayoutBlock> blocks, LayoutBlock note, double textSize)
    {
        var top = note.Lines[0].Top;
        var anchor = blocks.Where(b => b.Kind == LayoutBlockKind.Text && !b.SideNote)
            .SelectMany(b => b.Lines.Select((line, i) => (Block: b, Index: i, line.Top)))
            .Where(a => Math.Abs(a.Top - top) <= 0.5 * textSize)
            .OrderBy(a => Math.Abs(a.Top - top))
            .FirstOrDefault();
        var heading = new LayoutBlock(LayoutBlockKind.Text, note.Lines) { SideNote = true };
        if (anchor.Block is null)
        {
            blocks.Add(heading);
            return;
        }
        var at = blocks.IndexOf(anchor.Block);
        if (anchor.Index == 0)
        {
            blocks.Insert(at, heading);
            return;
        }
        blocks[at] = new LayoutBlock(LayoutBlockKind.Text, anchor.Block.Lines.Take(anchor.Index).ToList());
        blocks.Insert(at + 1, heading);
        blocks.Insert(at + 2, new LayoutBlock(LayoutBlockKind.Text, anchor.Block.Lines.Skip(anchor.Index).ToList()));
    }
}
