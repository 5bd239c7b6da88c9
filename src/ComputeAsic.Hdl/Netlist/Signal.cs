using System.Numerics;
using System.Runtime.CompilerServices;

namespace ComputeAsic.Hdl;

/// <summary>The kind of a netlist node; the emitters and the simulator each handle exactly this list.</summary>
public enum Op
{
    /// <summary>A constant (<see cref="Signal.ConstValue"/>).</summary>
    Const,

    /// <summary>A module input port.</summary>
    Input,

    /// <summary>A named connection assigned once (operand 0 is its driver); the only way to build feedback.</summary>
    Wire,

    /// <summary>Sum modulo 2^width.</summary>
    Add,

    /// <summary>Difference modulo 2^width.</summary>
    Sub,

    /// <summary>Full unsigned product.</summary>
    Mul,

    /// <summary>Bitwise and.</summary>
    And,

    /// <summary>Bitwise or.</summary>
    Or,

    /// <summary>Bitwise exclusive or.</summary>
    Xor,

    /// <summary>Bitwise complement.</summary>
    Not,

    /// <summary>One bit: operands equal.</summary>
    Eq,

    /// <summary>One bit: operand 0 &lt; operand 1, unsigned.</summary>
    Lt,

    /// <summary>Operand 0 selects among operands 1..n (the last case for out-of-range selects).</summary>
    Mux,

    /// <summary>Bits <see cref="Signal.SliceLow"/> .. + width - 1 of operand 0.</summary>
    Slice,

    /// <summary>Operands joined, operand 0 most significant.</summary>
    Concat,

    /// <summary>A register: operand 0 is the next value, operand 1 (if present) the enable.</summary>
    Reg,

    /// <summary>A synchronous memory read port's data: operand 0 the address, operand 1 (if present) the read enable.</summary>
    MemRead,

    /// <summary>An output port of a child instance.</summary>
    InstanceOutput,

    /// <summary>A width-only stand-in used to describe bundle shapes; never part of logic.</summary>
    Placeholder,
}

/// <summary>
/// A netlist node: the hardware implementation of <see cref="IBits{T}"/>. Operators build new nodes, so generic
/// combinational code elaborates to hardware unchanged; sequential constructs come from <see cref="Module"/>.
/// </summary>
public sealed class Signal : IBits<Signal>
{
    private Signal[] _operands;

    internal Signal(Op op, int width, Signal[] operands, SourceLocation location)
    {
        if (width < 1) throw new HdlException(DesignRule.WidthMismatch, location, $"width {width} is not positive");
        Op = op;
        Width = width;
        _operands = operands;
        Location = location;
    }

    /// <summary>What the node computes.</summary>
    public Op Op { get; }

    /// <inheritdoc/>
    public int Width { get; }

    /// <summary>Inputs of the node in the order <see cref="Hdl.Op"/> documents.</summary>
    public IReadOnlyList<Signal> Operands => _operands;

    /// <summary>The C# line that built the node, for design-rule messages.</summary>
    public SourceLocation Location { get; }

    /// <summary>Name given by the designer (or a port or field name); emitted HDL uses it.</summary>
    public string? Name { get; private set; }

    /// <summary>Value of a <see cref="Op.Const"/>, in [0, 2^width).</summary>
    public BigInteger ConstValue { get; private init; }

    /// <summary>Lowest bit taken by a <see cref="Op.Slice"/>.</summary>
    public int SliceLow { get; private init; }

    /// <summary>Reset value of a <see cref="Op.Reg"/>, or null for a register without reset (datapath).</summary>
    public BigInteger? ResetValue { get; internal init; }

    /// <summary>The module that owns an input, wire, register, memory port or instance output.</summary>
    public Module? Owner { get; internal init; }

    /// <summary>The memory a <see cref="Op.MemRead"/> reads.</summary>
    public Memory? Memory { get; internal init; }

    /// <summary>The instance whose port an <see cref="Op.InstanceOutput"/> is.</summary>
    public Instance? Instance { get; internal init; }

    /// <summary>Port name of an input or instance output.</summary>
    public string? PortName { get; internal init; }

    /// <summary>An input whose value is held steady (configuration), so pipeline balance checks ignore its timing.</summary>
    public bool IsStatic { get; internal init; }

    /// <summary>Where a wire was assigned.</summary>
    public SourceLocation? AssignedAt { get; private set; }

    /// <summary>The enable of a register or memory read port, or null when always enabled.</summary>
    public Signal? Enable => (Op is Op.Reg or Op.MemRead) && _operands.Length > 1 ? _operands[1] : null;

    /// <summary>Gives the node a readable name in emitted HDL and waveforms; returns the same signal for chaining.</summary>
    public Signal Named(string name)
    {
        Name = name;
        return this;
    }

    /// <summary>A width-only signal used to describe a <see cref="Bundle"/>'s shape; using it in logic is a design-rule error.</summary>
    public static Signal OfWidth(int width, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(Op.Placeholder, width, [], SourceLocation.Of(file, line));

    /// <summary>Drives a wire; each wire is assigned exactly once, and widths must match.</summary>
    public void Assign(Signal driver, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        if (Op != Op.Wire) throw new HdlException(DesignRule.Structure, at, $"only wires can be assigned; this is a {Op} built at {Location}");
        if (AssignedAt is { } prev) throw new HdlException(DesignRule.MultipleDrivers, at, $"wire {Describe()} is already driven (at {prev})");
        if (driver.Width != Width) throw new HdlException(DesignRule.WidthMismatch, at, $"wire {Describe()} is {Width} bits but its driver is {driver.Width}");
        _operands = [driver];
        AssignedAt = at;
    }

    internal string Describe() => Name != null ? $"'{Name}'" : $"{Op.ToString().ToLowerInvariant()} built at {Location}";

    internal static Signal Make(Op op, int width, SourceLocation at, params Signal[] operands) => new(op, width, operands, at);

    private static void Same(Signal a, Signal b, string op, SourceLocation at)
    {
        if (a.Width != b.Width) throw new HdlException(DesignRule.WidthMismatch, at, $"{op}: operand widths differ ({a.Width} and {b.Width})");
    }

    private static Signal Binary(Op op, string sym, Signal a, Signal b)
    {
        var at = SourceLocation.ForOperator();
        Same(a, b, sym, at);
        return Make(op, a.Width, at, a, b);
    }

    internal static Signal ConstAt(BigInteger value, int width, SourceLocation at)
    {
        if (width < 1) throw new HdlException(DesignRule.WidthMismatch, at, $"width {width} is not positive");
        var range = BigInteger.One << width;
        if (value >= range || value < -(range >> 1))
            throw new HdlException(DesignRule.ConstantRange, at, $"constant {value} does not fit in {width} bits");
        if (value.Sign < 0) value += range;
        return new Signal(Op.Const, width, [], at) { ConstValue = value };
    }

    internal static Signal SliceAt(Signal x, int hi, int lo, SourceLocation at)
    {
        if (lo < 0 || hi < lo || hi >= x.Width)
            throw new HdlException(DesignRule.WidthMismatch, at, $"slice ({hi} downto {lo}) is outside a {x.Width}-bit value");
        if (lo == 0 && hi == x.Width - 1) return x;
        return new Signal(Op.Slice, hi - lo + 1, [x], at) { SliceLow = lo };
    }

    internal static Signal ConcatAt(ReadOnlySpan<Signal> parts, SourceLocation at)
    {
        if (parts.Length == 0) throw new HdlException(DesignRule.WidthMismatch, at, "concatenation of nothing");
        if (parts.Length == 1) return parts[0];
        int w = 0;
        foreach (var p in parts) w += p.Width;
        return new Signal(Op.Concat, w, parts.ToArray(), at);
    }

    internal static Signal ResizeAt(Signal x, int width, SourceLocation at)
    {
        if (width < 1) throw new HdlException(DesignRule.WidthMismatch, at, $"width {width} is not positive");
        if (width == x.Width) return x;
        if (width < x.Width) return SliceAt(x, width - 1, 0, at);
        return ConcatAt([ConstAt(0, width - x.Width, at), x], at);
    }

    internal static Signal MuxAt(Signal sel, Signal ifTrue, Signal ifFalse, SourceLocation at)
    {
        if (sel.Width != 1) throw new HdlException(DesignRule.WidthMismatch, at, $"mux select must be 1 bit, not {sel.Width}");
        Same(ifTrue, ifFalse, "Mux", at);
        return Make(Op.Mux, ifTrue.Width, at, sel, ifFalse, ifTrue);
    }

    /// <inheritdoc/>
    public static Signal Const(BigInteger value, int width) => ConstAt(value, width, SourceLocation.ForOperator());

    /// <summary>A constant, with the caller's line for messages (cheaper than the stack walk <see cref="Const(BigInteger, int)"/> makes).</summary>
    public static Signal Constant(BigInteger value, int width, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        ConstAt(value, width, SourceLocation.Of(file, line));

    /// <summary>All zeros of a width (a constant node).</summary>
    public static Signal Zero(int width) => ConstAt(0, width, SourceLocation.ForOperator());

    /// <summary>All ones of a width (a constant node).</summary>
    public static Signal Ones(int width) => ConstAt(BigInteger.MinusOne, width, SourceLocation.ForOperator());

    /// <inheritdoc/>
    public static Signal operator +(Signal a, Signal b) => Binary(Op.Add, "+", a, b);

    /// <inheritdoc/>
    public static Signal operator -(Signal a, Signal b) => Binary(Op.Sub, "-", a, b);

    /// <inheritdoc/>
    public static Signal operator &(Signal a, Signal b) => Binary(Op.And, "&", a, b);

    /// <inheritdoc/>
    public static Signal operator |(Signal a, Signal b) => Binary(Op.Or, "|", a, b);

    /// <inheritdoc/>
    public static Signal operator ^(Signal a, Signal b) => Binary(Op.Xor, "^", a, b);

    /// <inheritdoc/>
    public static Signal operator ~(Signal a) => Make(Op.Not, a.Width, SourceLocation.ForOperator(), a);

    /// <inheritdoc/>
    public static Signal operator *(Signal a, Signal b) => Make(Op.Mul, a.Width + b.Width, SourceLocation.ForOperator(), a, b);

    /// <inheritdoc/>
    public Signal AddWithCarry(Signal other)
    {
        var at = SourceLocation.ForOperator();
        Same(this, other, "AddWithCarry", at);
        return Make(Op.Add, Width + 1, at, ResizeAt(this, Width + 1, at), ResizeAt(other, Width + 1, at));
    }

    /// <inheritdoc/>
    public static Signal operator <<(Signal a, int n)
    {
        var at = SourceLocation.ForOperator();
        if (n < 0) throw new HdlException(DesignRule.Structure, at, $"negative shift {n}");
        if (n == 0) return a;
        if (n >= a.Width) return ConstAt(0, a.Width, at);
        return ConcatAt([SliceAt(a, a.Width - 1 - n, 0, at), ConstAt(0, n, at)], at);
    }

    /// <inheritdoc/>
    public static Signal operator >>(Signal a, int n)
    {
        var at = SourceLocation.ForOperator();
        if (n < 0) throw new HdlException(DesignRule.Structure, at, $"negative shift {n}");
        if (n == 0) return a;
        if (n >= a.Width) return ConstAt(0, a.Width, at);
        return ConcatAt([ConstAt(0, n, at), SliceAt(a, a.Width - 1, n, at)], at);
    }

    private static Signal Less(Signal a, Signal b, string sym, SourceLocation at)
    {
        Same(a, b, sym, at);
        return Make(Op.Lt, 1, at, a, b);
    }

    /// <inheritdoc/>
    public static Signal operator <(Signal a, Signal b) => Less(a, b, "<", SourceLocation.ForOperator());

    /// <inheritdoc/>
    public static Signal operator >(Signal a, Signal b) => Less(b, a, ">", SourceLocation.ForOperator());

    /// <inheritdoc/>
    public static Signal operator <=(Signal a, Signal b)
    {
        var at = SourceLocation.ForOperator();
        return Make(Op.Not, 1, at, Less(b, a, "<=", at));
    }

    /// <inheritdoc/>
    public static Signal operator >=(Signal a, Signal b)
    {
        var at = SourceLocation.ForOperator();
        return Make(Op.Not, 1, at, Less(a, b, ">=", at));
    }

    /// <inheritdoc/>
    public Signal Eq(Signal other)
    {
        var at = SourceLocation.ForOperator();
        Same(this, other, "Eq", at);
        return Make(Op.Eq, 1, at, this, other);
    }

    /// <inheritdoc/>
    public Signal Ne(Signal other)
    {
        var at = SourceLocation.ForOperator();
        Same(this, other, "Ne", at);
        return Make(Op.Not, 1, at, Make(Op.Eq, 1, at, this, other));
    }

    /// <inheritdoc/>
    public Signal Slice(int hi, int lo) => SliceAt(this, hi, lo, SourceLocation.ForOperator());

    /// <inheritdoc/>
    public Signal Concat(Signal low) => ConcatAt([this, low], SourceLocation.ForOperator());

    /// <inheritdoc/>
    public static Signal Concat(params ReadOnlySpan<Signal> msbFirst) => ConcatAt(msbFirst, SourceLocation.ForOperator());

    /// <inheritdoc/>
    public Signal Resize(int width) => ResizeAt(this, width, SourceLocation.ForOperator());

    /// <inheritdoc/>
    public static Signal Mux(Signal sel, Signal ifTrue, Signal ifFalse) => MuxAt(sel, ifTrue, ifFalse, SourceLocation.ForOperator());

    /// <inheritdoc/>
    public static Signal Select(Signal sel, ReadOnlySpan<Signal> cases)
    {
        var at = SourceLocation.ForOperator();
        if (cases.Length == 0) throw new HdlException(DesignRule.Structure, at, "select with no cases");
        foreach (var c in cases) Same(cases[0], c, "Select", at);
        if (cases.Length == 1) return cases[0];
        // Two cases: any nonzero select picks the last one, so a one-bit select says it all (and every 2-way mux has one).
        if (cases.Length == 2 && sel.Width > 1) sel = Make(Op.Not, 1, at, Make(Op.Eq, 1, at, sel, ConstAt(0, sel.Width, at)));
        var ops = new Signal[cases.Length + 1];
        ops[0] = sel;
        cases.CopyTo(ops.AsSpan(1));
        return new Signal(Op.Mux, cases[0].Width, ops, at);
    }

    /// <summary>Short description for debugging: op, width, name.</summary>
    public override string ToString() => $"{Op}[{Width}]{(Name != null ? " " + Name : "")}";
}
