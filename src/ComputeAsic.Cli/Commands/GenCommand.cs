using CommandLine;
using ComputeAsic.Cli.Io;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic gen</c>: deterministic example job files for demos, tests and benchmarks.</summary>
[VerbExample("computeasic gen msm --curve bn254 --count 65536 --seed 1 --output msm-2^16.json")]
[Verb("gen", HelpText = "Write a deterministic pseudo-random job file (msm or ntt) for demos and benchmarks.")]
public sealed class GenCommand : CommandOptions, ICommand
{
    /// <summary>Which job: msm or ntt.</summary>
    [Value(0, MetaName = "kind", Required = true, HelpText = "msm or ntt.")]
    public string Kind { get; set; } = "";

    /// <summary>Curve for msm jobs.</summary>
    [Option("curve", Default = "bn254", HelpText = "Curve of an msm job: bn254, bls12-381, bls12-377.")]
    public string Curve { get; set; } = "bn254";

    /// <summary>Field for ntt jobs.</summary>
    [Option("field", Default = "goldilocks", HelpText = "Field of an ntt job: goldilocks, babybear, bn254-fr.")]
    public string Field { get; set; } = "goldilocks";

    /// <summary>Number of points or values.</summary>
    [Option("count", Default = 1024, HelpText = "Number of points (msm) or values (ntt, a power of two).")]
    public int Count { get; set; }

    /// <summary>Seed of the generator.</summary>
    [Option("seed", Default = 1, HelpText = "Seed: the same seed gives the same file.")]
    public int Seed { get; set; }

    /// <summary>Output path.</summary>
    [Option("output", Required = true, HelpText = "Where to write the job file.")]
    public string Output { get; set; } = "";

    /// <summary>Most points an msm job may have: 2^24 (a BN254 file of about 2.6 GB, 1.6 GB in memory).</summary>
    public const int MaxMsmCount = 1 << 24;

    /// <summary>Most values an ntt job may have: 2^26 (also bounded by the field's two-adicity).</summary>
    public const int MaxNttCount = 1 << 26;

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        if (Count < 0) throw new UsageException("--count: must not be negative");
        int max = Kind == "ntt" ? MaxNttCount : MaxMsmCount;
        if (Count > max) throw new UsageException($"--count: {Count} exceeds the limit of {max} (2^{System.Numerics.BitOperations.Log2((uint)max)}) for {Kind} jobs");
        using var outputs = new OutputSet(("output", Output));
        switch (Kind)
        {
            case "msm":
                CurveRegistry.Dispatch(Curve, new MsmGen(this, outputs), "--curve");
                break;
            case "ntt":
                if (Count == 0 || (Count & (Count - 1)) != 0) throw new UsageException($"--count: {Count} is not a power of two");
                FieldRegistry.Dispatch(Field, new NttGen(this, outputs), "--field");
                break;
            default:
                throw new UsageException($"gen: unknown kind \"{Kind}\" (expected msm or ntt)");
        }
        outputs.Commit();
        return CliApp.Ok;
    }

    private sealed class MsmGen(GenCommand c, OutputSet outputs) : ICurveVisitor<bool>
    {
        public bool Visit<F, S, C>() where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
        {
            var points = Samples.Points<F, S, C>(c.Count, c.Seed);
            var scalars = Samples.Scalars<S>(c.Count, c.Seed);
            outputs.Write(c.Output, s => MsmJson.WriteInput<F, C>(s, points, scalars));
            return true;
        }
    }

    private sealed class NttGen(GenCommand c, OutputSet outputs) : IFieldVisitor<bool>
    {
        public bool Visit<T>() where T : struct, IPrimeField<T>
        {
            int log = System.Numerics.BitOperations.Log2((uint)c.Count);
            if (log > T.TwoAdicity) throw new UsageException($"--count: 2^{log} exceeds the two-adicity 2^{T.TwoAdicity} of {T.Name}");
            var values = Samples.Values<T>(c.Count, c.Seed);
            outputs.Write(c.Output, s => NttJson.Write<T>(s, values));
            return true;
        }
    }
}
