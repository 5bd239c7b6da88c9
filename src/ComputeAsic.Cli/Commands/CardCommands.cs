using System.Text;
using CommandLine;
using ComputeAsic.Cli.Io;
using ComputeAsic.Hardware.Card;

namespace ComputeAsic.Cli.Commands;

/// <summary>The <c>card</c> verb group in the top-level help.</summary>
[Verb("card", HelpText = "The accelerator card: card regs (the register map document).")]
public sealed class CardGroupVerb : GroupVerb
{
    /// <inheritdoc/>
    public override string Group => "card";
}

/// <summary><c>computeasic card regs [--out FILE]</c>: the register document generated from the one declaration of the map.</summary>
[VerbGroup("card")]
[VerbExample("computeasic card regs --out hardware/REGISTERS.md")]
[Verb("regs", HelpText = "Write the card's register map as Markdown (hardware/REGISTERS.md is this output), to --out or stdout.")]
public sealed class CardRegsCommand : CommandOptions, ICommand
{
    /// <summary>Output file, or null for stdout.</summary>
    [Option("out", HelpText = "File to write (default: standard output).")]
    public string? Out { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        string text = RegisterDocument.Markdown(CardRegisters.Map);
        if (Out == null)
        {
            context.Out.Write(text);
            return CliApp.Ok;
        }
        using var outputs = new OutputSet(("out", Out));
        outputs.Write(Out, s => s.Write(Encoding.UTF8.GetBytes(text)));
        outputs.Commit();
        context.Out.WriteLine($"wrote {Out}");
        return CliApp.Ok;
    }
}
