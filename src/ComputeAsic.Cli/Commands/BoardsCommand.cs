using System.Globalization;
using CommandLine;
using ComputeAsic.Bitstreams.Boards;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic boards</c>: the boards, one a line, name first.</summary>
[VerbExample("computeasic boards")]
[Verb("boards", HelpText = "List the boards, one a line, name first: part, clock, shell, flash tool, default top, flow.")]
public sealed class BoardsCommand : CommandOptions, ICommand
{
    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        foreach (var b in BoardCatalog.All)
        {
            string mhz = b.MainClock.Mhz.ToString("0.###", CultureInfo.InvariantCulture);
            string flow = b.IsOpenFlow ? $"open flow ({b.Flow.ToString().ToLowerInvariant()})" : "vendor project (Vivado/Vitis, run by the user)";
            context.Out.WriteLine($"{b.Name}  {b.Part}  {mhz} MHz  shell {b.Shell.Name}: {b.Shell.Identity}  flash {FlashName(b.Flash)}  top {b.DefaultTop.Design}  {flow}");
            if (Verbose) context.Out.WriteLine($"    {b.Description}; memory: {b.Memory}; why this top: {b.DefaultTopWhy}");
        }
        return CliApp.Ok;
    }

    /// <summary>The loader's command name.</summary>
    internal static string FlashName(FlashTool t) => t switch
    {
        FlashTool.OpenFpgaLoader => "openFPGALoader",
        FlashTool.XbutilProgram => "xbutil",
        _ => "fpga-load-local-image",
    };
}
