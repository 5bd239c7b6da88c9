using CommandLine;
using ComputeAsic.Math;
using ComputeAsic.Prover.Formats;
using ComputeAsic.Prover.Groth16;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic verify</c>: checks a Groth16 proof against snarkjs's verification key and public signals.</summary>
/// <remarks>Exit 0: valid. Exit 1 with "proof is invalid: ..." on stderr: well-formed files, but the proof does not verify (including proof points off the curve or outside G2). Exit 2: a file is malformed or the files do not fit together.</remarks>
[VerbExample("computeasic verify --vkey verification_key.json --proof proof.json --public public.json")]
[Verb("verify", HelpText = "Verify a Groth16 proof (snarkjs formats). Exit 0 valid, 1 invalid proof, 2 malformed input.")]
public sealed class VerifyCommand : CommandOptions, ICommand
{
    /// <summary>Exit code of a well-formed proof that does not verify.</summary>
    public const int Invalid = 1;

    /// <summary>The verification key.</summary>
    [Option("vkey", Required = true, HelpText = "verification_key.json from snarkjs zkey export verificationkey.")]
    public string Vkey { get; set; } = "";

    /// <summary>The proof.</summary>
    [Option("proof", Required = true, HelpText = "proof.json (snarkjs format).")]
    public string ProofPath { get; set; } = "";

    /// <summary>The public signals.</summary>
    [Option("public", Required = true, HelpText = "public.json (snarkjs format).")]
    public string PublicPath { get; set; } = "";

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        var vk = InputFile.Parse(Vkey, () => SnarkjsJson.ReadVerificationKey(InputFile.ReadAll(Vkey)));
        var proof = InputFile.Parse(ProofPath, () => SnarkjsJson.ReadProof(InputFile.ReadAll(ProofPath)));
        var publics = InputFile.Parse(PublicPath, () => SnarkjsJson.ReadPublic(InputFile.ReadAll(PublicPath)));
        if (publics.Length != vk.NPublic)
            throw new InvalidInputException($"{PublicPath}: has {publics.Length} public signals but {Vkey} expects nPublic = {vk.NPublic}");
        string? problem = Groth16Verifier.Check(vk, proof, publics);
        if (problem != null)
        {
            context.Err.WriteLine($"proof is invalid: {problem}");
            return Invalid;
        }
        context.Out.WriteLine("proof is valid");
        return CliApp.Ok;
    }
}
