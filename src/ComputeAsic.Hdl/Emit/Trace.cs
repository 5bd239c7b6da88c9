using System.Numerics;

namespace ComputeAsic.Hdl.Emit;

/// <summary>A port in a recorded trace.</summary>
/// <param name="Name">Port name (the reset port appears under its own name).</param>
/// <param name="Width">Width in bits.</param>
public sealed record TracePort(string Name, int Width);

/// <summary>
/// The inputs applied and the outputs observed on every cycle of a simulation run (outputs sampled after the inputs
/// settle, before the clock edge): what a generated test bench replays and asserts.
/// </summary>
public sealed class Trace
{
    private readonly List<BigInteger[]> _inputs = [];
    private readonly List<BigInteger[]> _outputs = [];
    private readonly Action<int, BigInteger[], BigInteger[]>? _sink;
    private int _streamed;

    /// <summary>Creates an empty trace for the given ports.</summary>
    public Trace(IReadOnlyList<TracePort> inputs, IReadOnlyList<TracePort> outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>A trace that hands each cycle to <paramref name="sink"/> instead of keeping it: long runs in constant memory.</summary>
    public Trace(IReadOnlyList<TracePort> inputs, IReadOnlyList<TracePort> outputs, Action<int, BigInteger[], BigInteger[]> sink) : this(inputs, outputs)
        => _sink = sink;

    /// <summary>Input ports (including reset) in the order values are stored.</summary>
    public IReadOnlyList<TracePort> Inputs { get; }

    /// <summary>Output ports in the order values are stored.</summary>
    public IReadOnlyList<TracePort> Outputs { get; }

    /// <summary>Cycles recorded.</summary>
    public int Cycles => _sink == null ? _inputs.Count : _streamed;

    /// <summary>Appends one cycle.</summary>
    public void Add(BigInteger[] inputs, BigInteger[] outputs)
    {
        if (inputs.Length != Inputs.Count || outputs.Length != Outputs.Count) throw new ArgumentException("trace row does not match the ports");
        if (_sink != null)
        {
            _sink(_streamed++, inputs, outputs);
            return;
        }
        _inputs.Add(inputs);
        _outputs.Add(outputs);
    }

    /// <summary>Value of input <paramref name="port"/> on <paramref name="cycle"/>.</summary>
    public BigInteger Input(int cycle, int port) => _inputs[cycle][port];

    /// <summary>Value of output <paramref name="port"/> on <paramref name="cycle"/>.</summary>
    public BigInteger Output(int cycle, int port) => _outputs[cycle][port];

    /// <summary>Value of the input named <paramref name="name"/> on <paramref name="cycle"/>.</summary>
    public BigInteger Input(int cycle, string name) => _inputs[cycle][IndexOf(Inputs, name)];

    /// <summary>Value of the output named <paramref name="name"/> on <paramref name="cycle"/>.</summary>
    public BigInteger Output(int cycle, string name) => _outputs[cycle][IndexOf(Outputs, name)];

    /// <summary>Changes one recorded output value: lets tests prove a test bench catches a wrong expectation.</summary>
    public void SetOutput(int cycle, string name, BigInteger value) => _outputs[cycle][IndexOf(Outputs, name)] = value;

    private static int IndexOf(IReadOnlyList<TracePort> ports, string name)
    {
        for (int i = 0; i < ports.Count; i++)
            if (ports[i].Name == name) return i;
        throw new ArgumentException($"no port '{name}' in the trace");
    }
}
