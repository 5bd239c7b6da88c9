using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Sim;

/// <summary>How a <see cref="Simulator"/> is built.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Keep every designer-named signal in memory so <see cref="Simulator.Peek"/> and waveforms show it (slightly slower).</summary>
    public bool StoreNamedSignals { get; init; }

    /// <summary>Keep every signal in memory (waveforms of everything; slowest compiled mode).</summary>
    public bool StoreAllSignals { get; init; }

    /// <summary>Evaluate with the slow reference interpreter instead of compiled code (for checking the compiler).</summary>
    public bool Interpret { get; init; }
}

/// <summary>A port of the simulated top module, with fast access for test benches that set it every cycle.</summary>
public sealed unsafe class SimPort
{
    private readonly Simulator _sim;
    private readonly ulong _mask;

    internal SimPort(Simulator sim, string name, int width, int node, bool isInput)
    {
        _sim = sim;
        Name = name;
        Width = width;
        Node = node;
        IsInput = isInput;
        _mask = Limbs.WordMask(width);
    }

    /// <summary>Port name.</summary>
    public string Name { get; }

    /// <summary>Width in bits.</summary>
    public int Width { get; }

    /// <summary>Whether the port is an input (the reset port counts as one).</summary>
    public bool IsInput { get; }

    internal int Node { get; }

    internal ulong* Pointer;

    /// <summary>Sets an input of up to 64 bits (higher bits are dropped); the fast path for benches.</summary>
    public void Set(ulong value)
    {
        if (Pointer != null && Width <= 64)
        {
            *Pointer = value & _mask;
            _sim.Touch();
        }
        else _sim.Set(this, new BigInteger(value) & ((BigInteger.One << Width) - 1));
    }

    /// <summary>Sets an input from little-endian 64-bit words (missing words are zero, bits above the width dropped); the fast path for wide ports.</summary>
    public void Set(ReadOnlySpan<ulong> words)
    {
        if (Pointer == null)
        {
            _sim.Set(this, Limbs.ToBigInteger(words) & ((BigInteger.One << Width) - 1));
            return;
        }
        int n = Limbs.Count(Width);
        for (int i = 0; i < n; i++) Pointer[i] = i < words.Length ? words[i] : 0;
        Pointer[n - 1] &= Limbs.TopMask(Width);
        _sim.Touch();
    }

    /// <summary>The value as a machine word (the low 64 bits for wider ports), evaluating first if needed; no allocation.</summary>
    public ulong Value
    {
        get
        {
            if (Pointer == null) return (ulong)(_sim.Read(this) & ulong.MaxValue);
            if (!IsInput) _sim.Eval();
            return *Pointer;
        }
    }

    /// <summary>The value as an integer.</summary>
    public BigInteger Big => _sim.Read(this);
}

/// <summary>
/// A cycle-accurate two-state simulator of a <see cref="Design"/>: the hierarchy is flattened and compiled to IL
/// (combinational logic in topological order, then registers and memories at the clock edge).
/// A cycle: set inputs, read outputs (evaluated on demand), then <see cref="Step"/> takes the clock edge.
/// </summary>
public sealed unsafe class Simulator : IDisposable
{
    private readonly FlatNetlist _f;
    private readonly CompiledModel? _m;
    private readonly Interpreter? _interp;
    private ulong* _s;
    private bool _dirty = true;
    private readonly Dictionary<string, SimPort> _ports = new(StringComparer.Ordinal);
    private Trace? _trace;
    private VcdWriter? _vcd;
    private readonly Dictionary<string, int> _signals = new(StringComparer.Ordinal);

    /// <summary>Elaborates and compiles <paramref name="top"/>.</summary>
    public Simulator(Module top, SimulatorOptions? options = null) : this(new Design(top), options) { }

    /// <summary>Compiles a design.</summary>
    public Simulator(Design design, SimulatorOptions? options = null)
    {
        options ??= new SimulatorOptions();
        Design = design;
        // A Native AOT process cannot emit IL, so it interprets (same cycles and values, slower).
        bool interpret = options.Interpret || !RuntimeFeature.IsDynamicCodeSupported;
        _f = FlatNetlist.Build(design);
        var named = new HashSet<int>();
        for (int i = 0; i < _f.Nodes.Count; i++)
        {
            var n = _f.Nodes[i];
            if (n.Name == null) continue;
            bool stored = n.Op is Op.Input or Op.Reg or Op.MemRead || options.StoreAllSignals || interpret || (options.StoreNamedSignals && n.UserNamed);
            if (stored && n.Op != Op.Const) { named.Add(i); _signals.TryAdd(n.Name, i); }
        }
        if (interpret || !RuntimeFeature.IsDynamicCodeSupported) _interp = new Interpreter(_f); // the second test is the guard the AOT analyzer recognizes
        else
        {
            _m = IlCompiler.Compile(_f, named);
            _s = (ulong*)NativeMemory.AlignedAlloc((nuint)(_m.Words * 8), 64);
            new Span<ulong>(_s, _m.Words).Clear();
            foreach (var (off, limbs) in _m.Constants) limbs.CopyTo(new Span<ulong>(_s + off, limbs.Length));
        }
        var ins = new List<SimPort>();
        if (_f.HasReset) ins.Add(NewPort(_f.Clock.Reset, 1, _f.Reset, true));
        foreach (var (name, node) in _f.Inputs) ins.Add(NewPort(name, _f.Nodes[node].Width, node, true));
        Inputs = ins;
        Outputs = _f.Outputs.Select(o => NewPort(o.Name, _f.Nodes[o.Node].Width, o.Node, false)).ToList();
    }

    private SimPort NewPort(string name, int width, int node, bool input)
    {
        var p = new SimPort(this, name, width, node, input);
        if (_m != null) p.Pointer = _s + _m.Offset[node];
        _ports[name] = p;
        return p;
    }

    /// <summary>The design simulated.</summary>
    public Design Design { get; }

    /// <summary>Clock edges taken so far.</summary>
    public long Cycle { get; private set; }

    /// <summary>Input ports: the reset port (if any) first, then the top module's inputs in order.</summary>
    public IReadOnlyList<SimPort> Inputs { get; }

    /// <summary>Output ports in order.</summary>
    public IReadOnlyList<SimPort> Outputs { get; }

    /// <summary>Nodes after flattening: a size figure for reports.</summary>
    public int NodeCount => _f.Nodes.Count;

    /// <summary>IL instructions of the compiled clock cycle (0 when interpreting): a size figure for reports.</summary>
    public int CompiledInstructions => _m?.CycleInstructions ?? 0;

    /// <summary>Number of compiled kernels a clock cycle runs.</summary>
    public int Kernels => _m?.Cycle.Length ?? 0;

    /// <summary>Names of signals <see cref="Peek"/> can read (ports, registers, memory outputs, stored named signals).</summary>
    public IEnumerable<string> Signals => _signals.Keys.Order(StringComparer.Ordinal);

    internal bool Clean => !_dirty;

    internal void Touch() => _dirty = true;

    /// <summary>The port named <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the ports otherwise.</summary>
    public SimPort Port(string name) => _ports.TryGetValue(name, out var p) ? p
        : throw new ArgumentException($"no port '{name}' (ports: {string.Join(", ", _ports.Keys)})");

    /// <summary>Sets an input port.</summary>
    public void Set(string port, BigInteger value) => Set(Port(port), value);

    /// <summary>Sets an input port from a machine word.</summary>
    public void Set(string port, ulong value) => Set(Port(port), new BigInteger(value));

    /// <summary>Sets an input port from a bits value of the port's width.</summary>
    public void Set(string port, Bits value) => Set(Port(port), value.ToBigInteger());

    internal void Set(SimPort p, BigInteger value)
    {
        if (!p.IsInput) throw new ArgumentException($"'{p.Name}' is an output");
        if (value.Sign < 0 || value >> p.Width != 0) throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit port '{p.Name}' ({p.Width} bits)");
        Write(p.Node, value);
        _dirty = true;
    }

    private void Write(int node, BigInteger value)
    {
        int w = _f.Nodes[node].Width;
        if (_interp != null) _interp[node] = Bits.Const(value, w);
        else Limbs.FromBigInteger(value, new Span<ulong>(_s + _m!.Offset[node], Limbs.Count(w)));
    }

    /// <summary>The current value of a port (evaluating first if inputs changed).</summary>
    public BigInteger Get(string port) => Read(Port(port));

    /// <summary>The current value of a port as bits.</summary>
    public Bits GetBits(string port) => Bits.Const(Read(Port(port)), Port(port).Width);

    internal BigInteger Read(SimPort p)
    {
        if (!p.IsInput) Eval();
        return ReadNode(p.Node).ToBigInteger();
    }

    private Bits ReadNode(int node)
    {
        if (_interp != null) return _interp[node];
        int w = _f.Nodes[node].Width;
        return Bits.FromLimbs(new ReadOnlySpan<ulong>(_s + _m!.Offset[node], Limbs.Count(w)), w);
    }

    /// <summary>The current value of an internal signal by hierarchical name (see <see cref="Signals"/>).</summary>
    public Bits Peek(string signal)
    {
        if (!_signals.TryGetValue(signal, out int node))
            throw new ArgumentException($"no stored signal '{signal}'; build the simulator with StoreNamedSignals or StoreAllSignals");
        Eval();
        return ReadNode(node);
    }

    /// <summary>Settles the combinational logic for the current inputs and state (done automatically when outputs are read).</summary>
    public void Eval()
    {
        if (!_dirty) return;
        if (_interp != null) _interp.Eval();
        else
        {
            var ev = _m!.Eval;
            for (int i = 0; i < ev.Length; i++) ev[i](_s);
        }
        _dirty = false;
    }

    /// <summary>Takes <paramref name="cycles"/> clock edges with the inputs held (recording and dumping each cycle if enabled).</summary>
    public void Step(int cycles = 1)
    {
        for (int k = 0; k < cycles; k++)
        {
            if (_trace != null || _vcd != null || _interp != null)
            {
                Eval();
                if (_trace != null) Record();
                _vcd?.Sample(Cycle);
            }
            if (_interp != null) _interp.Latch();
            else
            {
                var cy = _m!.Cycle;
                for (int i = 0; i < cy.Length; i++) cy[i](_s);
            }
            _dirty = true;
            Cycle++;
        }
    }

    /// <summary>
    /// The fast path for benchmarks and long runs: <paramref name="cycles"/> clock edges with the inputs held, each one
    /// pass of straight-line code that computes the next state and updates it in place (no recording or waveforms).
    /// </summary>
    public void Run(long cycles)
    {
        if (_interp != null || _trace != null || _vcd != null)
        {
            for (long k = 0; k < cycles; k++) Step();
            return;
        }
        var s = _s;
        var cy = _m!.Cycle;
        if (cy.Length == 1)
        {
            var k0 = cy[0];
            for (long k = 0; k < cycles; k++) k0(s);
        }
        else
        {
            for (long k = 0; k < cycles; k++)
                for (int i = 0; i < cy.Length; i++) cy[i](s);
        }
        _dirty = true;
        Cycle += cycles;
    }

    /// <summary>Asserts reset for <paramref name="cycles"/> edges, then releases it (no-op for designs without reset).</summary>
    public void Reset(int cycles = 1)
    {
        if (!_f.HasReset) return;
        var r = Port(_f.Clock.Reset);
        Set(r, _f.Clock.ResetActiveLow ? 0 : 1);
        Step(cycles);
        Set(r, _f.Clock.ResetActiveLow ? 1 : 0);
    }

    /// <summary>Steps until <paramref name="done"/> holds (checked before each edge); returns the edges taken; throws <see cref="TimeoutException"/> after <paramref name="maxCycles"/>.</summary>
    public int RunUntil(Func<Simulator, bool> done, int maxCycles)
    {
        for (int k = 0; k <= maxCycles; k++)
        {
            if (done(this)) return k;
            if (k < maxCycles) Step();
        }
        throw new TimeoutException($"condition not met within {maxCycles} cycles (at cycle {Cycle})");
    }

    /// <summary>Starts recording inputs and outputs of every cycle (for co-simulation); returns the trace being filled.</summary>
    public Trace StartRecording()
    {
        _trace = new Trace(InputPorts, OutputPorts);
        return _trace;
    }

    /// <summary>Hands the inputs and outputs of every following cycle to <paramref name="sink"/> without keeping them (checks of long runs).</summary>
    public Trace StartRecording(Action<int, BigInteger[], BigInteger[]> sink)
    {
        _trace = new Trace(InputPorts, OutputPorts, sink);
        return _trace;
    }

    /// <summary>The input ports as a trace lists them (reset first when there is one).</summary>
    public IReadOnlyList<TracePort> InputPorts => Inputs.Select(p => new TracePort(p.Name, p.Width)).ToList();

    /// <summary>The output ports as a trace lists them.</summary>
    public IReadOnlyList<TracePort> OutputPorts => Outputs.Select(p => new TracePort(p.Name, p.Width)).ToList();

    /// <summary>Stops recording and returns the trace.</summary>
    public Trace StopRecording()
    {
        var t = _trace ?? throw new InvalidOperationException("not recording");
        _trace = null;
        return t;
    }

    private void Record() =>
        _trace!.Add(Inputs.Select(p => ReadNode(p.Node).ToBigInteger()).ToArray(), Outputs.Select(p => ReadNode(p.Node).ToBigInteger()).ToArray());

    /// <summary>Writes a VCD waveform of every following cycle to <paramref name="writer"/> (ports, registers and stored signals).</summary>
    public void DumpVcd(TextWriter writer)
    {
        var vars = new List<(string, string, int, Func<Bits>)>();
        var seen = new HashSet<int>();
        foreach (var p in Inputs.Concat(Outputs))
        {
            int node = p.Node;
            vars.Add(("", p.Name, p.Width, () => ReadNode(node)));
            if (p.IsInput) seen.Add(node);
        }
        foreach (var (name, node) in _signals.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!seen.Add(node)) continue;
            var n = _f.Nodes[node];
            string local = n.Scope.Length == 0 ? n.Name! : n.Name![(n.Scope.Length + 1)..];
            vars.Add((n.Scope, local, n.Width, () => ReadNode(node)));
        }
        _vcd = new VcdWriter(writer, Design.EntityName(Design.Top), Design.Top.Clock.Clock, vars);
    }

    /// <summary>Releases the state memory.</summary>
    public void Dispose()
    {
        if (_s != null) NativeMemory.AlignedFree(_s);
        _s = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the state memory if <see cref="Dispose"/> was not called.</summary>
    ~Simulator()
    {
        if (_s != null) NativeMemory.AlignedFree(_s);
    }
}
