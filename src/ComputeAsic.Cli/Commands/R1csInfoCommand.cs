using CommandLine;
using ComputeAsic.Prover.Formats;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic r1cs info</c>: the sizes of a constraint system (as <c>snarkjs r1cs info</c> prints them), optionally checking a witness against it.</summary>
[VerbGroup("r1cs")]
[VerbExample("computeasic r1cs info circuit.r1cs --wtns witness.wtns")]
[Verb("info", HelpText = "Print the curve, wire, constraint, input, label and output counts of a .r1cs file.")]
public sealed class R1csInfoCommand : CommandOptions, ICommand
{
    /// <summary>The constraint system.</summary>
    [Value(0, MetaName = "file", Required = true, HelpText = "The .r1cs file.")]
    public string File { get; set; } = "";

    /// <summary>A witness to check against the constraints.</summary>
    [Option("wtns", HelpText = "Also check that this witness (.wtns) satisfies every constraint.")]
    public string? Wtns { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        var r1cs = R1cs.Read(File, InputFile.ReadAll(File));
        var o = context.Out;
        o.WriteLine("Curve: bn-128");
        o.WriteLine($"# of Wires: {r1cs.NWires}");
        o.WriteLine($"# of Constraints: {r1cs.Constraints.Length}");
        o.WriteLine($"# of Private Inputs: {r1cs.NPrvIn}");
        o.WriteLine($"# of Public Inputs: {r1cs.NPubIn}");
        o.WriteLine($"# of Labels: {r1cs.NLabels}");
        o.WriteLine($"# of Outputs: {r1cs.NPubOut}");
        if (Wtns == null) return CliApp.Ok;
        var w = Witness.Read(Wtns, InputFile.ReadAll(Wtns));
        if (w.Count != r1cs.NWires)
            throw new Math.InvalidInputException($"{Wtns}: has {w.Count} wires but {File} has {r1cs.NWires}");
        int bad = r1cs.FirstUnsatisfied(w);
        if (bad >= 0)
        {
            context.Err.WriteLine($"{Wtns}: does not satisfy constraint {bad} of {File}");
            return CliApp.Failure;
        }
        o.WriteLine("witness satisfies every constraint");
        return CliApp.Ok;
    }
}
