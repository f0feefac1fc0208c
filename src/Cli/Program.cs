using Meditron.Cli.Commands;

return await MeditronCommand.Create().Parse(args).InvokeAsync();
