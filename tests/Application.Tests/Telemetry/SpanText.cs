using System.Diagnostics;

namespace Meditron.Application.Tests.Telemetry;

/// <summary>Everything of a span that an exporter sends as text: names, tags, events, links, baggage and status.</summary>
internal static class SpanText
{
    public static IEnumerable<string> Of(Activity span)
    {
        yield return span.OperationName;
        yield return span.DisplayName;
        yield return span.StatusDescription ?? "";
        foreach (var tag in span.TagObjects)
        {
            yield return $"{tag.Key}={tag.Value}";
        }
        foreach (var e in span.Events)
        {
            yield return e.Name;
            foreach (var tag in e.Tags)
            {
                yield return $"{tag.Key}={tag.Value}";
            }
        }
        foreach (var link in span.Links)
        {
            foreach (var tag in link.Tags ?? [])
            {
                yield return $"{tag.Key}={tag.Value}";
            }
        }
        foreach (var item in span.Baggage)
        {
            yield return $"{item.Key}={item.Value}";
        }
    }

    /// <summary>Fails when any span carries any of <paramref name="secrets"/> (a question, an answer, document text).</summary>
    public static void AssertNone(IEnumerable<Activity> spans, params string[] secrets)
    {
        foreach (var span in spans)
        {
            foreach (string text in Of(span))
            {
                foreach (string secret in secrets)
                {
                    Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"span '{span.DisplayName}' carries \"{secret}\": {text}");
                }
            }
        }
    }
}
