using Meditron.Core.Messages;

namespace Meditron.Messaging.Tests.Support;

public static class TestMessages
{
    public static IngestDocument Ingest(int n = 1, string contentRef = "content/ab/abcdef.pdf") => new("doc_" + n.ToString("D16", System.Globalization.CultureInfo.InvariantCulture), contentRef);

    /// <summary>A reply in the request/reply tests.</summary>
    public sealed record Answer(string Text);

    /// <summary>A request in the request/reply tests.</summary>
    public sealed record Question(string Text);
}
