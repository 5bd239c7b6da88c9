using System.Globalization;
using System.Numerics;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Hardware;

/// <summary>
/// A golden model fed one cycle at a time (inputs applied, outputs sampled before the clock edge, as a trace records
/// them), so a run of any length is checked in memory that does not grow with its cycles; a recorded trace is checked by
/// replaying it through the same model.
/// </summary>
public abstract class GoldenChecker
{
    /// <summary>Mismatch lines kept for the report; further ones are only counted.</summary>
    public const int KeptFailures = 100;

    private readonly List<string> _failures = [];
    private int _checks, _failed;

    /// <summary>A checker for a design with these ports (in the order cycle rows hold them).</summary>
    protected GoldenChecker(IReadOnlyList<TracePort> inputs, IReadOnlyList<TracePort> outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>Input ports in row order.</summary>
    protected IReadOnlyList<TracePort> Inputs { get; }

    /// <summary>Output ports in row order.</summary>
    protected IReadOnlyList<TracePort> Outputs { get; }

    /// <summary>Row index of an input, or -1 when the design has no such input.</summary>
    protected int InputIndex(string name) => Index(Inputs, name);

    /// <summary>Row index of an output, or -1.</summary>
    protected int OutputIndex(string name) => Index(Outputs, name);

    private static int Index(IReadOnlyList<TracePort> ports, string name)
    {
        for (int i = 0; i < ports.Count; i++)
            if (ports[i].Name == name) return i;
        return -1;
    }

    /// <summary>Takes one cycle's inputs and outputs, in port order.</summary>
    public abstract void Cycle(int cycle, BigInteger[] inputs, BigInteger[] outputs);

    /// <summary>Counts one comparison; <paramref name="failure"/> describes a mismatch, null a match.</summary>
    protected void Checked(string? failure)
    {
        _checks++;
        if (failure == null) return;
        _failed++;
        if (_failures.Count < KeptFailures) _failures.Add(failure);
    }

    /// <summary>What the checks found so far.</summary>
    public GoldenResult Result => new(_checks, _failures.ToList(), _failed);

    /// <summary>Runs a recorded trace through the checker.</summary>
    public static GoldenResult Replay(GoldenChecker checker, Trace trace)
    {
        for (int c = 0; c < trace.Cycles; c++)
        {
            var ins = new BigInteger[trace.Inputs.Count];
            var outs = new BigInteger[trace.Outputs.Count];
            for (int i = 0; i < ins.Length; i++) ins[i] = trace.Input(c, i);
            for (int i = 0; i < outs.Length; i++) outs[i] = trace.Output(c, i);
            checker.Cycle(c, ins, outs);
        }
        return checker.Result;
    }

    /// <summary>Hex digits for mismatch lines.</summary>
    protected static string Hex(BigInteger v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0');
}

/// <summary>
/// A pipeline's golden model: the outputs of cycle c against a function of the inputs of cycle c − latency, keeping only
/// the last latency + 1 input rows.
/// </summary>
public sealed class DelayedChecker : GoldenChecker
{
    private readonly int _latency;
    private readonly BigInteger[][] _ring;
    private readonly Func<Func<string, BigInteger>, Func<string, BigInteger>, string?> _check;

    /// <summary>Checks each output cycle c ≥ <paramref name="latency"/> with <paramref name="check"/>(inputs of c − latency, outputs of c), which returns a mismatch or null.</summary>
    public DelayedChecker(IReadOnlyList<TracePort> inputs, IReadOnlyList<TracePort> outputs, int latency,
        Func<Func<string, BigInteger>, Func<string, BigInteger>, string?> check) : base(inputs, outputs)
    {
        _latency = latency;
        _ring = new BigInteger[latency + 1][];
        _check = check;
    }

    /// <inheritdoc/>
    public override void Cycle(int cycle, BigInteger[] inputs, BigInteger[] outputs)
    {
        _ring[cycle % _ring.Length] = inputs;
        if (cycle < _latency) return;
        int from = cycle - _latency;
        var past = _ring[from % _ring.Length];
        string? why = _check(n => past[InputIndex(n)], n => outputs[OutputIndex(n)]);
        Checked(why == null ? null : $"cycle {cycle.ToString(CultureInfo.InvariantCulture)} (inputs of cycle {from.ToString(CultureInfo.InvariantCulture)}): {why}");
    }
}
