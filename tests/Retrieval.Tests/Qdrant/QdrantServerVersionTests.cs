using Meditron.Retrieval.Qdrant;

namespace Meditron.Retrieval.Tests.Qdrant;

public sealed class QdrantServerVersionTests
{
    [Theory]
    [InlineData("1.16.0")]
    [InlineData("1.16.3")]
    [InlineData("1.17.0-dev")]
    [InlineData("v1.20.1")]
    [InlineData("2.0")]
    public void A_server_from_the_minimum_on_is_accepted(string reported)
    {
        QdrantServerVersion.Check(reported, "http://qdrant:6334");
    }

    [Theory]
    [InlineData("1.15.5", "1.15.5")]
    [InlineData("1.12.0", "1.12.0")]
    [InlineData("0.11", "0.11.0")]
    public void An_older_server_is_refused_naming_both_versions(string reported, string shown)
    {
        var e = Assert.Throws<InvalidOperationException>(() => QdrantServerVersion.Check(reported, "http://qdrant:6334"));

        Assert.Contains($"version {shown}", e.Message, StringComparison.Ordinal);
        Assert.Contains("Qdrant 1.16.0 or later", e.Message, StringComparison.Ordinal);
        Assert.Contains("http://qdrant:6334", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("dev")]
    [InlineData("1.2.3.4")]
    public void An_unreadable_version_is_refused_with_the_minimum(string? reported)
    {
        var e = Assert.Throws<InvalidOperationException>(() => QdrantServerVersion.Check(reported, "http://qdrant:6334"));

        Assert.Contains("1.16.0 or later", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_compare_by_number_not_text()
    {
        Assert.True(QdrantServerVersion.Parse("1.9.0") < QdrantServerVersion.Parse("1.16.0"));
        Assert.Equal(new Version(1, 16, 2), QdrantServerVersion.Parse(" 1.16.2-rc1 "));
    }
}
