using System.ComponentModel.DataAnnotations;
using Meditron.Retrieval.Qdrant;

namespace Meditron.Retrieval.Tests.Qdrant;

public sealed class QdrantOptionsTests
{
    private static List<ValidationResult> Validate(QdrantOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Defaults_are_valid_and_match_the_embedding_model()
    {
        var options = new QdrantOptions();

        Assert.Empty(Validate(options));
        Assert.Equal("Index:Qdrant", QdrantOptions.SectionName);
        Assert.Equal("http://localhost:6334", options.Endpoint);
        Assert.Equal("meditron_chunks", options.Collection);
        Assert.Equal("dense", options.DenseVectorName);
        Assert.Equal("bm25", options.SparseVectorName);
        Assert.Equal("text", options.TextVectorName);
        Assert.Equal(384, options.Dimension);
        Assert.Equal(1, options.ShardNumber);
        Assert.Equal(1, options.ReplicationFactor);
    }

    [Theory]
    [InlineData("localhost:6334")]
    [InlineData("")]
    [InlineData("grpc://localhost:6334")]
    public void Endpoint_must_be_an_http_url(string endpoint)
    {
        Assert.Contains(Validate(new QdrantOptions { Endpoint = endpoint }), r => r.MemberNames.Contains(nameof(QdrantOptions.Endpoint)));
    }

    [Fact]
    public void Collection_name_and_sizes_are_checked()
    {
        var results = Validate(new QdrantOptions { Collection = "bad name/x", Dimension = 0, TimeoutSeconds = 0 });

        Assert.Contains(results, r => r.MemberNames.Contains(nameof(QdrantOptions.Collection)));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(QdrantOptions.Dimension)));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(QdrantOptions.TimeoutSeconds)));
    }

    [Theory]
    [InlineData("dense", "bm25", "dense")]
    [InlineData("dense", "text", "text")]
    [InlineData("v", "v", "w")]
    public void The_three_vector_names_must_differ(string dense, string sparse, string text)
    {
        var result = Assert.Single(Validate(new QdrantOptions { DenseVectorName = dense, SparseVectorName = sparse, TextVectorName = text }));

        Assert.Contains(nameof(QdrantOptions.TextVectorName), result.MemberNames);
        Assert.Contains("must differ", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_and_replicas_are_at_least_one()
    {
        var results = Validate(new QdrantOptions { ShardNumber = 0, ReplicationFactor = 0 });

        Assert.Contains(results, r => r.MemberNames.Contains(nameof(QdrantOptions.ShardNumber)));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(QdrantOptions.ReplicationFactor)));
        Assert.Empty(Validate(new QdrantOptions { ShardNumber = 6, ReplicationFactor = 3 }));
    }
}
