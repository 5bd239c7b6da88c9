using System.Numerics;
using System.Runtime.CompilerServices;

namespace ComputeAsic.Hdl;

/// <summary>How registers in a module are clocked and reset; one domain per design (the simulator has one clock).</summary>
/// <param name="Clock">Name of the clock port.</param>
/// <param name="Reset">Name of the reset port.</param>
/// <param name="AsyncReset">Whether reset acts without waiting for a clock edge.</param>
/// <param name="ResetActiveLow">Whether reset is asserted by a 0.</param>
public sealed record ClockDomain(string Clock = "clk", string Reset = "rst", bool AsyncReset = false, bool ResetActiveLow = false)
{
    /// <summary>Rising-edge clock <c>clk</c>, synchronous active-high reset <c>rst</c>: the usual FPGA choice.</summary>
    public static ClockDomain Default { get; } = new();
}

/// <summary>A port of a module: its name, width and the signal inside the module.</summary>
/// <param name="Name">Port name as emitted.</param>
/// <param name="Width">Width in bits.</param>
/// <param name="Signal">For an input, the <see cref="Op.Input"/> node; for an output, the value driven out.</param>
/// <param name="Location">Where the port was declared.</param>
public sealed record Port(string Name, int Width, Signal Signal, SourceLocation Location);

/// <summary>
/// A hardware module: ports, registers, memories, wires and child instances, built in C# (usually in a subclass
/// constructor) and elaborated once into a checked <see cref="Circuit"/>. One module is one VHDL entity.
/// </summary>
public class Module
{
    private readonly List<Port> _inputs = [];
    private readonly List<Port> _outputs = [];
    private readonly List<Memory> _memories = [];
    private readonly List<Instance> _instances = [];
    private readonly HashSet<string> _portNames = new(StringComparer.OrdinalIgnoreCase);
    private Circuit? _circuit;
    private int? _latency;

    /// <summary>Creates an empty module; <paramref name="name"/> becomes the entity name (made unique if needed).</summary>
    public Module(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Location = SourceLocation.Of(file, line);
        if (!Naming.IsIdentifier(name)) throw new HdlException(DesignRule.Structure, Location, $"module name '{name}' is not an identifier (letters, digits, single underscores)");
        Name = name;
    }

    /// <summary>The entity or module name.</summary>
    public string Name { get; }

    /// <summary>Where the module was created.</summary>
    public SourceLocation Location { get; }

    /// <summary>Cycles from inputs to outputs when fixed; elaboration checks every output against it and balances its paths.</summary>
    public int? Latency
    {
        get => _latency;
        set
        {
            Mutable();
            _latency = value;
        }
    }

    /// <summary>Clock and reset of the module's registers.</summary>
    public ClockDomain Clock { get; set; } = ClockDomain.Default;

    /// <summary>Whether a module with a fixed <see cref="Latency"/> has its pipeline paths checked for balance.</summary>
    public bool CheckPipelineBalance { get; set; } = true;

    /// <summary>Input ports in declaration order (clock and reset are added at elaboration).</summary>
    public IReadOnlyList<Port> Inputs => _inputs;

    /// <summary>Output ports in declaration order.</summary>
    public IReadOnlyList<Port> Outputs => _outputs;

    /// <summary>Memories declared in this module.</summary>
    public IReadOnlyList<Memory> Memories => _memories;

    /// <summary>Child instances in declaration order.</summary>
    public IReadOnlyList<Instance> Instances => _instances;

    internal void Mutable([CallerMemberName] string what = "")
    {
        if (_circuit != null) throw new HdlException(DesignRule.Structure, Location, $"module '{Name}' is already elaborated; {what} must come before");
    }

    private void PortName(string name, SourceLocation at)
    {
        if (!Naming.IsIdentifier(name)) throw new HdlException(DesignRule.Structure, at, $"port name '{name}' is not an identifier (letters, digits, single underscores)");
        if (string.Equals(name, Clock.Clock, StringComparison.OrdinalIgnoreCase) || string.Equals(name, Clock.Reset, StringComparison.OrdinalIgnoreCase))
            throw new HdlException(DesignRule.Structure, at, $"port name '{name}' is reserved for the clock domain");
        if (!_portNames.Add(name)) throw new HdlException(DesignRule.MultipleDrivers, at, $"module '{Name}' already has a port '{name}'");
    }

    /// <summary>Declares an input port; <paramref name="isStatic"/> marks configuration held steady, exempt from pipeline balance.</summary>
    public Signal Input(string name, int width, bool isStatic = false, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        Mutable();
        PortName(name, at);
        var s = new Signal(Op.Input, width, [], at) { Owner = this, PortName = name, IsStatic = isStatic }.Named(name);
        _inputs.Add(new Port(name, width, s, at));
        return s;
    }

    /// <summary>Declares an output port driven by <paramref name="value"/>; returns the value so declarations read as assignments.</summary>
    public Signal Output(string name, Signal value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        Mutable();
        PortName(name, at);
        _outputs.Add(new Port(name, value.Width, value, at));
        return value;
    }

    /// <summary>A wire to be driven later with <see cref="Signal.Assign"/>: forward references and feedback.</summary>
    public Signal Wire(int width, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Mutable();
        var w = new Signal(Op.Wire, width, [], SourceLocation.Of(file, line)) { Owner = this };
        return name == null ? w : w.Named(name);
    }

    /// <summary>
    /// A register on the module's clock: takes <paramref name="d"/> at each rising edge when <paramref name="enable"/>
    /// (if any) is 1. With <paramref name="reset"/> it loads that value while reset is asserted (reset wins over enable);
    /// without, it has no reset (cheaper datapath) and starts at zero.
    /// </summary>
    public Signal Reg(Signal d, Signal? enable = null, BigInteger? reset = null, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        Mutable();
        if (enable != null && enable.Width != 1) throw new HdlException(DesignRule.WidthMismatch, at, $"register enable must be 1 bit, not {enable.Width}");
        BigInteger? rv = null;
        if (reset is { } r) rv = Signal.ConstAt(r, d.Width, at).ConstValue;
        var ops = enable == null ? new[] { d } : [d, enable];
        var s = new Signal(Op.Reg, d.Width, ops, at) { Owner = this, ResetValue = rv };
        return name == null ? s : s.Named(name);
    }

    /// <summary><paramref name="stages"/> registers in a row without reset (a pipeline delay); zero stages returns <paramref name="d"/>.</summary>
    public Signal Pipeline(Signal d, int stages, Signal? enable = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        if (stages < 0) throw new HdlException(DesignRule.Structure, SourceLocation.Of(file, line), $"negative pipeline depth {stages}");
        for (int i = 0; i < stages; i++) d = Reg(d, enable, null, null, file, line);
        return d;
    }

    /// <summary>A memory of <paramref name="depth"/> words (a power of two) with synchronous ports, inferable as block RAM.</summary>
    public Memory Memory(string name, int depth, int width, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        Mutable();
        var m = new Memory(this, name, depth, width, at);
        _memories.Add(m);
        return m;
    }

    /// <summary>Places <paramref name="child"/> inside this module; connect its inputs and read its outputs through the returned instance.</summary>
    public Instance Instantiate(Module child, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        Mutable();
        if (ReferenceEquals(child, this)) throw new HdlException(DesignRule.Structure, at, $"module '{Name}' cannot instantiate itself");
        string n = name ?? $"u_{child.Name}_{_instances.Count}";
        if (!Naming.IsIdentifier(n)) throw new HdlException(DesignRule.Structure, at, $"instance name '{n}' is not an identifier");
        var inst = new Instance(this, child, n, at);
        _instances.Add(inst);
        return inst;
    }

    /// <summary>Declares a bundle of input ports named <c>prefix_field</c>; flipped fields (such as ready) become outputs driven by wires you assign.</summary>
    public T Input<T>(string prefix, T shape, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : Bundle =>
        shape.Rebuild<T>(f => f.Flipped
            ? Output($"{prefix}_{f.Name}", Wire(f.Signal.Width, $"{prefix}_{f.Name}_w", file, line), file, line)
            : Input($"{prefix}_{f.Name}", f.Signal.Width, false, file, line));

    /// <summary>Declares a bundle of output ports; its flipped fields must be unassigned wires, which become driven by new input ports.</summary>
    public T Output<T>(string prefix, T value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : Bundle
    {
        foreach (var f in value.Fields())
        {
            string port = $"{prefix}_{f.Name}";
            if (!f.Flipped) Output(port, f.Signal, file, line);
            else f.Signal.Assign(Input(port, f.Signal.Width, false, file, line), file, line);
        }
        return value;
    }

    /// <summary>Elaborates (once) into a checked circuit; throws <see cref="HdlException"/> on the first design-rule error.</summary>
    public Circuit Elaborate()
    {
        if (_circuit != null) return _circuit;
        Naming.NameFields(this);
        _circuit = Elaborator.Run(this);
        return _circuit;
    }

    internal bool IsElaborated => _circuit != null;
}
