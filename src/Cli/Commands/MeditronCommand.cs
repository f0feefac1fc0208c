using System.CommandLine;

namespace Meditron.Cli.Commands;

/// <summary>The root `meditron` command and its subcommands.</summary>
internal static class MeditronCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Meditron guideline assistant: ingest clinical guideline PDFs and answer with page-cited passages.");
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(SyncCommand.Create());
        root.Subcommands.Add(DocumentsCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(AskCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(FeedbackCommand.Create());
        root.Subcommands.Add(IndexCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }
}
