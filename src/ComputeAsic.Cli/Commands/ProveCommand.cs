using System.Globalization;
using CommandLine;
using ComputeAsic.Cli.Io;
using ComputeAsic.Kernels;
using ComputeAsic.Prover;
using ComputeAsic.Prover.Formats;
using ComputeAsic.Prover.Groth16;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic prove</c>: a Groth16 proof from snarkjs's proving key and a circom witness, in snarkjs's output formats.</summary>
[VerbExample("computeasic prove --zkey circuit_final.zkey --wtns witness.wtns --proof proof.json --public public.json")]
[Verb("prove", HelpText = "Groth16 proof (BN254) from a snarkjs .zkey and a circom .wtns; writes snarkjs's proof.json and public.json.")]
public sealed class ProveCommand : CommandOptions, ICommand
{
    /// <summary>The proving key.</summary>
    [Option("zkey", Required = true, HelpText = "Proving key from snarkjs groth16 setup / zkey contribute (.zkey, BN254).")]
    public string Zkey { get; set; } = "";

    /// <summary>The witness.</summary>
    [Option("wtns", Required = true, HelpText = "Witness computed by circom's witness generator (.wtns).")]
    public string Wtns { get; set; } = "";

    /// <summary>Where the proof goes.</summary>
    [Option("proof", Required = true, HelpText = "Output proof, snarkjs proof.json format.")]
    public string ProofPath { get; set; } = "";

    /// <summary>Where the public signals go.</summary>
    [Option("public", Required = true, HelpText = "Output public signals, snarkjs public.json format.")]
    public string PublicPath { get; set; } = "";

    /// <summary>r = s = 0, for tests only.</summary>
    [Option("deterministic", HelpText = "Use r = s = 0 so the proof is reproducible. FOR TESTS ONLY: such a proof is NOT zero-knowledge and leaks information about the witness.")]
    public bool Deterministic { get; set; }

    /// <summary>Print where the time went.</summary>
    [Option("timings", HelpText = "Print the time spent in each step (file reading, NTT, G1 MSM, G2 MSM, ...) on stderr.")]
    public bool Timings { get; set; }

    /// <summary>Skip verifying the proof before writing it.</summary>
    [Option("no-self-check", HelpText = "Do not verify the proof against the zkey's verification key before writing it (saves a few milliseconds).")]
    public bool NoSelfCheck { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        using var outputs = new OutputSet(("proof", ProofPath), ("public", PublicPath));
        var timer = new StepTimer();
        Groth16Zkey zkey;
        Witness witness;
        using (timer.Step("read zkey"))
        {
            byte[] bytes = InputFile.ReadAll(Zkey);
            // The pairing self-check guards the proof against B2 points outside G2; without it, every point is tested here.
            zkey = Groth16Zkey.Read(Zkey, bytes, checkB2Subgroup: NoSelfCheck);
        }
        using (timer.Step("read wtns"))
        {
            byte[] bytes = InputFile.ReadAll(Wtns);
            witness = Witness.Read(Wtns, bytes);
        }
        var options = new ProverOptions
        {
            Msm = CpuKernels.Msm,
            Ntt = CpuKernels.Ntt,
            Deterministic = Deterministic,
            SelfCheck = !NoSelfCheck,
            Timer = timer,
        };
        var (proof, publics) = InputFile.Parse($"{Zkey} + {Wtns}", () => Groth16Prover.Prove(zkey, witness, options));
        using (timer.Step("write"))
        {
            outputs.Write(ProofPath, s => SnarkjsJson.WriteProof(s, proof));
            outputs.Write(PublicPath, s => SnarkjsJson.WritePublic(s, publics));
            outputs.Commit();
        }
        if (Deterministic) context.Err.WriteLine("warning: --deterministic (r = s = 0): this proof is NOT zero-knowledge; use it for tests only");
        if (Timings) PrintTimings(context.Err, timer, zkey);
        return CliApp.Ok;
    }

    private static void PrintTimings(TextWriter err, StepTimer timer, Groth16Zkey zkey)
    {
        var steps = timer.Steps;
        double sum = steps.Sum(s => s.Time.TotalMilliseconds);
        err.WriteLine($"timings: nVars {zkey.NVars}, domain 2^{zkey.DomainLog}, {Environment.ProcessorCount} threads; steps run one after another, each on all cores");
        foreach (var (name, time) in steps)
        {
            err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-12} {time.TotalMilliseconds,9:F1} ms  {100 * time.TotalMilliseconds / sum,5:F1} %"));
        }
        err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"wall",-12} {timer.Wall.TotalMilliseconds,9:F1} ms (after start-up)"));
    }
}
