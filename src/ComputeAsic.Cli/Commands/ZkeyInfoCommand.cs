using CommandLine;
using ComputeAsic.Prover.Formats;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic zkey info</c>: what a Groth16 proving key holds, after full validation.</summary>
[VerbGroup("zkey")]
[VerbExample("computeasic zkey info circuit_final.zkey")]
[Verb("info", HelpText = "Validate a Groth16 .zkey and print its sizes (wires, public signals, domain, coefficients, points).")]
public sealed class ZkeyInfoCommand : CommandOptions, ICommand
{
    /// <summary>The proving key.</summary>
    [Value(0, MetaName = "file", Required = true, HelpText = "The .zkey file.")]
    public string File { get; set; } = "";

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        var z = Groth16Zkey.Read(File, InputFile.ReadAll(File));
        var o = context.Out;
        o.WriteLine("protocol: groth16, curve: bn128");
        o.WriteLine($"wires (nVars): {z.NVars}");
        o.WriteLine($"public signals (nPublic): {z.NPublic}");
        o.WriteLine($"domain: {z.DomainSize} = 2^{z.DomainLog}");
        o.WriteLine($"coefficients: {z.ACoefs.Length} in A, {z.BCoefs.Length} in B");
        o.WriteLine($"points: A {z.A.Length} ({z.A.Count(p => p.IsIdentity)} at infinity), B1 {z.B1.Length}, B2 {z.B2.Length} ({z.B2.Count(p => p.IsIdentity)} at infinity), C {z.C.Length}, H {z.H.Length}, IC {z.IC.Length}");
        return CliApp.Ok;
    }
}
