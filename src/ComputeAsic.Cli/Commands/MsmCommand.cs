using CommandLine;
using ComputeAsic.Cli.Io;
using ComputeAsic.Kernels;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic msm</c>: a multi-scalar multiplication from a JSON job file.</summary>
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

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        if (Device != "cpu") throw new UsageException($"--device: unknown device \"{Device}\" (available: cpu)");
        byte[] json = InputFile.ReadAll(Input);
        string curve = InputFile.Parse(Input, () => MsmJson.ReadCurveName(json));
        InputFile.Parse(Input, () => CurveRegistry.Dispatch(curve, new Run(this, json)));
        return CliApp.Ok;
    }

    private sealed class Run(MsmCommand cmd, byte[] json) : ICurveVisitor<bool>
    {
        public bool Visit<F, S, C>()
            where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
        {
            var job = MsmJson.Parse<F, S, C>(json);
            var result = CpuKernels.Msm.Msm<F, C>(job.Points, job.Scalars).ToAffine();
            AtomicFile.Write(cmd.Output, s => MsmJson.WriteResult(s, result));
            return true;
        }
    }
}
