using System.ComponentModel;
using Meditron.Client.Models;
using Meditron.Client.SemanticKernel;
using Meditron.Core.Access;
using Microsoft.SemanticKernel;

namespace Meditron.Client.Tests;

/// <summary>GuidelinesPlugin in a Kernel, its functions invoked as a model's function call would invoke them (no model needed).</summary>
[Collection(LoopbackCollection.Name)]
public sealed class GuidelinesPluginTests(LoopbackServer server)
{
    [Fact]
    public async Task The_plugin_offers_ask_and_search_with_descriptions_that_ask_the_model_to_keep_the_citations()
    {
        var plugin = (await KernelWithPluginAsync()).Plugins["guidelines"];

        Assert.Equal(["ask", "search"], plugin.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Contains("Sources list", plugin["ask"].Description, StringComparison.Ordinal);
        Assert.Contains("[n]", plugin["ask"].Description, StringComparison.Ordinal);
        Assert.Contains("Cite", plugin["search"].Description, StringComparison.Ordinal);
        Assert.Equal("question", Assert.Single(plugin["ask"].Metadata.Parameters).Name);
        Assert.True(plugin["ask"].Metadata.Parameters[0].IsRequired);
    }

    [Fact]
    public async Task Ask_invoked_by_the_kernel_returns_the_answer_with_its_markers_and_sources()
    {
        var kernel = await KernelWithPluginAsync();

        var result = await kernel.InvokeAsync(kernel.Plugins["guidelines"]["ask"],
            new KernelArguments { ["question"] = "How many days of amoxicillin for fast breathing pneumonia in a child?" });

        string text = result.GetValue<string>()!;
        Assert.Matches(@"\[\d+\]", text.Split("\n\nSources:")[0]);
        Assert.Contains("\n\nSources:\n[1] ", text, StringComparison.Ordinal);
        Assert.Contains("Pneumonia in children, edition 2024, page 1", text, StringComparison.Ordinal);
        Assert.Contains($"/v1/documents/{server.PneumoniaId}/content#page=1", text, StringComparison.Ordinal);
        Assert.Contains("3 days", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_about_something_the_guidelines_do_not_cover_says_so_and_cites_nothing()
    {
        var kernel = await KernelWithPluginAsync();

        var result = await kernel.InvokeAsync(kernel.Plugins["guidelines"]["ask"], new KernelArguments { ["question"] = "Which spacecraft landed on Titan in 2005?" });

        string text = result.GetValue<string>()!;
        Assert.Contains("do not cover", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sources:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_invoked_by_the_kernel_returns_cited_passages()
    {
        var kernel = await KernelWithPluginAsync();

        var result = await kernel.InvokeAsync(kernel.Plugins["guidelines"]["search"], new KernelArguments { ["query"] = "oral rehydration salts", ["top"] = 2 });

        string text = result.GetValue<string>()!;
        Assert.StartsWith("[1] Cholera treatment, edition 2017, page 1", text, StringComparison.Ordinal);
        Assert.Contains("oral rehydration salts", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[3]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_given_to_the_plugin_hold_for_every_call()
    {
        var kernel = await KernelWithPluginAsync(new GuidelineFilters { Guidelines = ["pneumonia-children"] });

        var result = await kernel.InvokeAsync(kernel.Plugins["guidelines"]["search"], new KernelArguments { ["query"] = "oral rehydration salts" });

        Assert.DoesNotContain("Cholera", result.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<Kernel> KernelWithPluginAsync(GuidelineFilters? filters = null)
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(new GuidelinesPlugin(await server.ClientWithScopesAsync(ApiScopes.Ask), filters), "guidelines");
        return kernel;
    }
}
