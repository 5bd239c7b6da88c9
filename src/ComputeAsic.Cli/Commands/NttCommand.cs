using CommandLine;
using ComputeAsic.Cli.Io;
using ComputeAsic.Kernels;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic ntt</c>: a forward or inverse number-theoretic transform from a JSON job file.</summary>
[Verb("ntt", HelpText = "Number-theoretic transform X_k = sum_j x_j*w^(jk), w = g^((p-1)/n), natural order in and out.")]
public sealed class NttCommand : CommandOptions, ICommand
{
    /// <summary>Job file: {"field":"goldilocks"|"babybear"|"bn254-fr","values":["v",...]}.</summary>
    [Option("input", Required = true, HelpText = "Job file: {\"field\":\"goldilocks\"|\"babybear\"|\"bn254-fr\",\"values\":[\"v\",...]}, length a power of two.")]
    public string Input { get; set; } = "";

    /// <summary>Result file, the same shape as the input.</summary>
    [Option("output", Required = true, HelpText = "Result file, the same shape as the input.")]
    public string Output { get; set; } = "";

    /// <summary>Run the inverse transform (with the 1/n factor).</summary>
    [Option("inverse", HelpText = "Inverse transform, including the 1/n factor.")]
    public bool Inverse { get; set; }

    /// <summary>Where to run.</summary>
    [Option("device", Default = "cpu", HelpText = "Where to run: cpu.")]
    public string Device { get; set; } = "cpu";

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        if (Device != "cpu") throw new UsageException($"--device: unknown device \"{Device}\" (available: cpu)");
        byte[] json = InputFile.ReadAll(Input);
        string field = InputFile.Parse(Input, () => NttJson.ReadFieldName(json));
        InputFile.Parse(Input, () => FieldRegistry.Dispatch(field, new Run(this, json)));
        return CliApp.Ok;
    }

    private sealed class Run(NttCommand cmd, byte[] json) : IFieldVisitor<bool>
    {
        public bool Visit<T>() where T : struct, IPrimeField<T>
        {
            var values = NttJson.Parse<T>(json);
            if (cmd.Inverse) CpuKernels.Ntt.Inverse<T>(values);
            else CpuKernels.Ntt.Forward<T>(values);
            AtomicFile.Write(cmd.Output, s => NttJson.Write<T>(s, values));
            return true;
        }
    }
}
