using CommandLine;
using ComputeAsic.Cli.Io;
using ComputeAsic.Kernels;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic ntt</c>: a forward or inverse number-theoretic transform from a JSON job file.</summary>
[VerbExample("computeasic ntt --input examples/ntt-goldilocks-16.json --output out.json --inverse")]
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

    /// <summary>Print how long reading, computing and writing took.</summary>
    [Option("timings", HelpText = "Print the time spent reading the input, computing, and writing the result (to stderr).")]
    public bool Timings { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        if (Device != "cpu") throw new UsageException($"--device: unknown device \"{Device}\" (available: cpu)");
        using var outputs = new OutputSet(("output", Output));
        var clock = new PhaseClock();
        using var input = InputFile.Open(Input);
        string field = InputFile.Parse(Input, () => NttJson.ReadFieldName(input));
        input.Position = 0;
        var (n, write) = InputFile.Parse(Input, () => FieldRegistry.Dispatch(field, new Run(this, input, clock)));
        outputs.Write(Output, write);
        outputs.Commit();
        clock.Lap("write");
        if (Timings) context.Err.WriteLine($"ntt {field} n={n}: {clock}");
        return CliApp.Ok;
    }

    /// <summary>Reads and transforms; returns the size and the writer of the result.</summary>
    internal sealed class Run(NttCommand cmd, Stream input, PhaseClock clock) : IFieldVisitor<(int, Action<Stream>)>
    {
        public (int, Action<Stream>) Visit<T>() where T : struct, IPrimeField<T>
        {
            var values = NttJson.Read<T>(input, input.Length);
            clock.Lap("read");
            if (cmd.Inverse) CpuKernels.Ntt.Inverse<T>(values);
            else CpuKernels.Ntt.Forward<T>(values);
            clock.Lap("compute");
            return (values.Length, s => NttJson.Write<T>(s, values));
        }
    }
}
