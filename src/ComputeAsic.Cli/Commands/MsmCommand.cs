using CommandLine;
using ComputeAsic.Cli.Io;
using ComputeAsic.Kernels;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic msm</c>: a multi-scalar multiplication from a JSON job file.</summary>
[VerbExample("computeasic msm --input examples/msm-bn254-256.json --output out.json")]
[Verb("msm", HelpText = "Multi-scalar multiplication: sum of scalars[i]*points[i] from a JSON job file.")]
public sealed class MsmCommand : CommandOptions, ICommand
{
    /// <summary>Job file: {"curve":"bn254"|"bls12-381"|"bls12-377","points":[["x","y"],...],"scalars":["s",...]}.</summary>
    [Option("input", Required = true, HelpText = "Job file: {\"curve\":\"bn254\"|\"bls12-381\"|\"bls12-377\",\"points\":[[\"x\",\"y\"],...],\"scalars\":[\"s\",...]}.")]
    public string Input { get; set; } = "";

    /// <summary>Result file: {"curve":...,"result":["x","y"]} or "result": null for the identity.</summary>
    [Option("output", Required = true, HelpText = "Result file: {\"curve\":...,\"result\":[\"x\",\"y\"]}, or \"result\": null for the identity.")]
    public string Output { get; set; } = "";

    /// <summary>Where to run.</summary>
    [Option("device", Default = "cpu", HelpText = "Where to run: cpu.")]
    public string Device { get; set; } = "cpu";

    /// <summary>Print how long reading, computing and writing took.</summary>
    [Option("timings", HelpText = "Print the time spent reading and checking the input, computing, and writing the result (to stderr).")]
    public bool Timings { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        if (Device != "cpu") throw new UsageException($"--device: unknown device \"{Device}\" (available: cpu)");
        using var outputs = new OutputSet(("output", Output));
        var clock = new PhaseClock();
        using var input = InputFile.Open(Input);
        string curve = InputFile.Parse(Input, () => MsmJson.ReadCurveName(input));
        input.Position = 0;
        var (n, write) = InputFile.Parse(Input, () => CurveRegistry.Dispatch(curve, new Run(input, clock)));
        outputs.Write(Output, write);
        outputs.Commit();
        clock.Lap("write");
        if (Timings) context.Err.WriteLine($"msm {curve} n={n}: {clock}");
        return CliApp.Ok;
    }

    /// <summary>Reads and computes; returns the job's size and the writer of its result.</summary>
    internal sealed class Run(Stream input, PhaseClock clock) : ICurveVisitor<(int, Action<Stream>)>
    {
        public (int, Action<Stream>) Visit<F, S, C>()
            where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
        {
            var job = MsmJson.Read<F, S, C>(input, input.Length);
            clock.Lap("read+check");
            var result = CpuKernels.Msm.Msm<F, C>(job.Points, job.Scalars).ToAffine();
            clock.Lap("compute");
            return (job.Count, s => MsmJson.WriteResult(s, result));
        }
    }
}
