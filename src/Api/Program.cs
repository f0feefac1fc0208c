using Meditron.Api;

// `dotnet run` here, or `meditron serve` (src/Cli), which builds the same application.
var app = MeditronApi.Build(args);
await app.RunAsync();

/// <summary>The entry point, named for WebApplicationFactory&lt;Program&gt; in the tests.</summary>
public partial class Program;
