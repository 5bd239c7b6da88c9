using System.Runtime.CompilerServices;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>
/// A value together with the clock cycle (counted from the block's inputs) at which it is valid. Arithmetic written
/// over timed values balances its own pipeline: an operation waits for its latest operand and delays the others, so
/// the one text yields both the software result and a hazard-free schedule, and a block's latency is simply the time
/// of its outputs.
/// </summary>
/// <param name="Value">The bits.</param>
/// <param name="Time">Cycle at which <paramref name="Value"/> is valid; <see cref="Always"/> for constants.</param>
public readonly record struct Timed<T>(T Value, int Time) where T : IBits<T>
{
    /// <summary>The time of a constant: valid at every cycle, so it never needs a delay.</summary>
    public const int Always = int.MinValue;

    /// <summary>Width of the value in bits.</summary>
    public int Width => Value.Width;

    /// <summary>Whether the value is a constant (valid at every cycle).</summary>
    public bool IsConstant => Time == Always;

    /// <summary>A constant of the given width, usable at any time.</summary>
    public static Timed<T> Constant(System.Numerics.BigInteger value, int width) => new(T.Const(value, width), Always);
}

/// <summary>
/// Where a pipelined datapath puts its registers. Generic arithmetic calls <c>Stage</c> at its pipeline cuts and
/// <see cref="At"/> to line operands up; <see cref="Wires{T}"/> makes both no-ops (the software run, on
/// <see cref="Bits"/>), <see cref="Registers"/> turns them into registers of a module (the hardware), so software and
/// netlist come from one text and agree by construction.
/// </summary>
public abstract class Pipe<T> where T : IBits<T>
{
    /// <summary>One register stage on <paramref name="x"/> (identity in software).</summary>
    protected abstract T Register(T x, string name, string file, int line);

    /// <summary><paramref name="x"/> delayed by <paramref name="cycles"/> registers; hardware reuses one delay chain per value.</summary>
    protected virtual T Delay(T x, int cycles, string name, string file, int line)
    {
        for (int i = 0; i < cycles; i++) x = Register(x, name, file, line);
        return x;
    }

    /// <summary>Registers <paramref name="x"/>: the value one cycle later.</summary>
    public Timed<T> Stage(Timed<T> x, string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        x.IsConstant ? x : new(Register(x.Value, name, file, line), x.Time + 1);

    /// <summary>Registers a freshly computed <paramref name="value"/> whose operands were valid at <paramref name="time"/>.</summary>
    public Timed<T> Stage(T value, int time, string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(Register(value, name, file, line), time + 1);

    /// <summary><paramref name="x"/> as valid at the later cycle <paramref name="time"/> (delay registers as needed).</summary>
    public Timed<T> At(Timed<T> x, int time, string name = "dly", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        if (x.IsConstant || time == Timed<T>.Always) return new(x.Value, time);
        if (time < x.Time) throw new ArgumentException($"value '{name}' is valid at cycle {x.Time} and cannot be used at the earlier cycle {time}");
        return time == x.Time ? x : new(Delay(x.Value, time - x.Time, name, file, line), time);
    }

    /// <summary>The cycle by which all of <paramref name="xs"/> are valid (<see cref="Timed{T}.Always"/> when all are constants).</summary>
    public static int Latest(params ReadOnlySpan<Timed<T>> xs)
    {
        int t = Timed<T>.Always;
        foreach (var x in xs)
            if (x.Time > t) t = x.Time;
        return t;
    }
}

/// <summary>The software pipe: no registers, so generic arithmetic on <see cref="Bits"/> computes the block's function.</summary>
public sealed class Wires<T> : Pipe<T> where T : IBits<T>
{
    /// <summary>The one instance; it holds no state.</summary>
    public static Wires<T> Instance { get; } = new();

    private Wires() { }

    /// <inheritdoc/>
    protected override T Register(T x, string name, string file, int line) => x;

    /// <inheritdoc/>
    protected override T Delay(T x, int cycles, string name, string file, int line) => x;
}

/// <summary>
/// The hardware pipe: stages become registers (without reset: datapath) of <paramref name="module"/>, named for the
/// emitted HDL and located at the arithmetic's C# line; a value delayed to several later cycles shares one chain.
/// </summary>
public sealed class Registers(Module module) : Pipe<Signal>
{
    private readonly Dictionary<Signal, List<Signal>> _chains = new(ReferenceEqualityComparer.Instance);

    /// <summary>The module the registers belong to.</summary>
    public Module Module { get; } = module;

    /// <summary>Declares <paramref name="outputs"/> as output ports of the module, delaying earlier ones so all leave together; returns that latency.</summary>
    public int Outputs(params (string Name, Timed<Signal> Value)[] outputs)
    {
        int t = System.Math.Max(0, Latest(outputs.Select(o => o.Value).ToArray()));
        foreach (var (name, value) in outputs) Module.Output(name, At(value, t, name).Value);
        return t;
    }

    /// <inheritdoc/>
    protected override Signal Register(Signal x, string name, string file, int line) =>
        x.Op == Op.Const ? x : Module.Reg(x, null, null, name, file, line);

    /// <inheritdoc/>
    protected override Signal Delay(Signal x, int cycles, string name, string file, int line)
    {
        if (x.Op == Op.Const || cycles == 0) return x;
        if (!_chains.TryGetValue(x, out var chain)) _chains[x] = chain = [];
        while (chain.Count < cycles)
            chain.Add(Module.Reg(chain.Count == 0 ? x : chain[^1], null, null, $"{name}_d{chain.Count + 1}", file, line));
        return chain[cycles - 1];
    }
}
