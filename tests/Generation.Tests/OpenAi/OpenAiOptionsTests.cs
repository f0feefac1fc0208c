using System.ComponentModel.DataAnnotations;
using Meditron.Generation.OpenAi;

namespace Meditron.Generation.Tests.OpenAi;

public sealed class OpenAiOptionsTests
{
    private static List<ValidationResult> Validate(OpenAiOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Theory]
    [InlineData("http://localhost:8000/v1")]
    [InlineData("https://models.example.org/v1/")]
    public void An_absolute_http_endpoint_and_a_model_are_valid(string endpoint)
    {
        Assert.Empty(Validate(new OpenAiOptions { Endpoint = endpoint, Model = "m" }));
    }

    [Theory]
    [InlineData("", "m", "Endpoint")]
    [InlineData("http://localhost:8000/v1", "", "Model")]
    [InlineData("localhost:8000/v1", "m", "Endpoint")]
    [InlineData("/v1", "m", "Endpoint")]
    [InlineData("ftp://localhost/v1", "m", "Endpoint")]
    public void Missing_or_non_http_settings_are_rejected(string endpoint, string model, string member)
    {
        var result = Assert.Single(Validate(new OpenAiOptions { Endpoint = endpoint, Model = model }));
        Assert.Contains(member, result.MemberNames);
    }

    [Fact]
    public void The_engine_refuses_invalid_options()
    {
        Assert.Throws<ValidationException>(() => new OpenAiEngine(new OpenAiOptions { Endpoint = "localhost:8000", Model = "m" }));
    }

    [Fact]
    public void Token_estimate_counts_digits_singly_and_stays_above_four_bytes_per_token()
    {
        Assert.Equal(3, TokenEstimate.Count("123"));
        var prose = "Give oral amoxicillin twice daily for five days.";
        Assert.True(TokenEstimate.Count(prose) >= prose.Length / 4);
        Assert.Equal(2, TokenEstimate.Count("肺炎")); // 6 UTF-8 bytes
    }
}
