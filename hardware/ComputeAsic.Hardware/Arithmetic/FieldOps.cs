using System.Numerics;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>
/// Field operations on values of type <typeparamref name="V"/>, so formulas (butterflies, point addition) are written
/// once and run in software (<see cref="PipelinedField{T}"/> on <see cref="Bits"/>), in hardware with inline logic (the
/// same class on <see cref="Signal"/>) or in hardware as instances of the arithmetic modules (<see cref="FieldUnits"/>).
/// Implementations count the operations, which is how multiplications per formula are stated and tested.
/// </summary>
public interface IFieldOps<V>
{
    /// <summary>a + b mod p.</summary>
    V Add(V a, V b);

    /// <summary>a − b mod p.</summary>
    V Sub(V a, V b);

    /// <summary>a · b mod p: a full modular multiplication.</summary>
    V Mul(V a, V b);

    /// <summary>k · a mod p for a small constant k: shifts and adds, not a multiplier.</summary>
    V MulSmall(V a, int k);

    /// <summary><paramref name="ifOne"/> when the one-bit <paramref name="bit"/> is 1, else <paramref name="ifZero"/>: free wiring, no arithmetic.</summary>
    V Mux(V bit, V ifOne, V ifZero);

    /// <summary>The constant <paramref name="value"/> (in [0, p)).</summary>
    V Constant(BigInteger value);

    /// <summary>Counts of each operation issued so far.</summary>
    OperationCounts Counts { get; }
}

/// <summary>How many of each field operation a formula issued.</summary>
public sealed class OperationCounts
{
    /// <summary>Full modular multiplications.</summary>
    public int Multiplications { get; internal set; }

    /// <summary>Multiplications by small constants (shift-adds).</summary>
    public int SmallMultiplications { get; internal set; }

    /// <summary>Modular additions and subtractions.</summary>
    public int Additions { get; internal set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Multiplications}M + {SmallMultiplications} small + {Additions}A";
}

/// <summary>
/// Field operations as inline pipelined logic through a <see cref="Pipe{T}"/>: the software model on <see cref="Bits"/>
/// with <see cref="Wires{T}"/>, or flat hardware on <see cref="Signal"/> with <see cref="Registers"/>. Operands are
/// lined up in time automatically, so any formula written with it is a balanced pipeline.
/// </summary>
public sealed class PipelinedField<T>(FieldSpec field, Pipe<T> pipe, IFieldMultiplier multiplier, int levelsPerStage) : IFieldOps<Timed<T>>
    where T : IBits<T>
{
    private int _serial;

    /// <summary>Field operations with the default multiplier of <paramref name="field"/>.</summary>
    public PipelinedField(FieldSpec field, Pipe<T> pipe, ArithmeticOptions? options = null)
        : this(field, pipe, FieldMultiplier.For(field, options), (options ?? ArithmeticOptions.Default).LevelsPerStage) { }

    /// <summary>The field.</summary>
    public FieldSpec Field { get; } = field;

    /// <inheritdoc/>
    public OperationCounts Counts { get; } = new();

    private string Name(string op) => $"{op}{_serial++}";

    /// <inheritdoc/>
    public Timed<T> Add(Timed<T> a, Timed<T> b)
    {
        Counts.Additions++;
        return ModArith.Add(pipe, a, b, Field.Modulus, Name("add"));
    }

    /// <inheritdoc/>
    public Timed<T> Sub(Timed<T> a, Timed<T> b)
    {
        Counts.Additions++;
        return ModArith.Sub(pipe, a, b, Field.Modulus, Name("sub"));
    }

    /// <inheritdoc/>
    public Timed<T> Mul(Timed<T> a, Timed<T> b)
    {
        Counts.Multiplications++;
        int t = Pipe<T>.Latest(a, b);
        return multiplier.Multiply(pipe, pipe.At(a, t, Name("mul_a")), pipe.At(b, t, Name("mul_b")));
    }

    /// <inheritdoc/>
    public Timed<T> MulSmall(Timed<T> a, int k)
    {
        Counts.SmallMultiplications++;
        return ModArith.MulSmall(pipe, a, k, Field.Modulus, levelsPerStage, Name($"mul{k}_"));
    }

    /// <inheritdoc/>
    public Timed<T> Mux(Timed<T> bit, Timed<T> ifOne, Timed<T> ifZero) => FieldUnits.MuxTimed(pipe, bit, ifOne, ifZero);

    /// <inheritdoc/>
    public Timed<T> Constant(BigInteger value) => Timed<T>.Constant(value, Field.Bits);
}

/// <summary>
/// Field operations as instances of the arithmetic modules inside a parent module: one entity per unit in the emitted
/// HDL (one modular multiplier entity however many multiplications), which keeps co-simulation and synthesis of large
/// formulas fast. Timing and results are those of <see cref="PipelinedField{T}"/>, whose code the units contain.
/// </summary>
public sealed class FieldUnits : IFieldOps<Timed<Signal>>
{
    private readonly Registers _pipe;
    private readonly ArithmeticOptions _options;
    private readonly Dictionary<string, Module> _units = [];
    private int _serial;

    /// <summary>Units of <paramref name="field"/> placed in the module of <paramref name="pipe"/>, whose registers line operands up.</summary>
    public FieldUnits(Registers pipe, FieldSpec field, ArithmeticOptions? options = null)
    {
        _pipe = pipe;
        _options = (options ?? ArithmeticOptions.Default).Validate();
        Field = field;
        Parent = pipe.Module;
    }

    /// <summary>The field.</summary>
    public FieldSpec Field { get; }

    /// <summary>The module the units are instantiated in.</summary>
    public Module Parent { get; }

    /// <inheritdoc/>
    public OperationCounts Counts { get; } = new();

    private Module Unit(string key, Func<Module> build) => _units.TryGetValue(key, out var m) ? m : _units[key] = build();

    private Timed<Signal> Use(Module unit, string label, params Timed<Signal>[] operands)
    {
        int t = Pipe<Signal>.Latest(operands);
        var inst = Parent.Instantiate(unit, $"u_{label}{_serial++}");
        for (int i = 0; i < operands.Length; i++)
            inst.Connect(unit.Inputs[i].Name, _pipe.At(operands[i], t, $"{inst.Name}_{unit.Inputs[i].Name}").Value);
        return new(inst.Output(unit.Outputs[0].Name), t + unit.Latency!.Value);
    }

    /// <inheritdoc/>
    public Timed<Signal> Add(Timed<Signal> a, Timed<Signal> b)
    {
        Counts.Additions++;
        return Use(Unit("add", () => new ModAddModule(Field)), "add", a, b);
    }

    /// <inheritdoc/>
    public Timed<Signal> Sub(Timed<Signal> a, Timed<Signal> b)
    {
        Counts.Additions++;
        return Use(Unit("sub", () => new ModSubModule(Field)), "sub", a, b);
    }

    /// <inheritdoc/>
    public Timed<Signal> Mul(Timed<Signal> a, Timed<Signal> b)
    {
        Counts.Multiplications++;
        return Use(Unit("mul", () => new ModMulModule(Field, _options)), "mul", a, b);
    }

    /// <inheritdoc/>
    public Timed<Signal> MulSmall(Timed<Signal> a, int k)
    {
        Counts.SmallMultiplications++;
        return k == 1 ? a : Use(Unit($"mul{k}", () => new ModMulSmallModule(Field, k, _options)), $"mul{k}_", a);
    }

    /// <inheritdoc/>
    public Timed<Signal> Mux(Timed<Signal> bit, Timed<Signal> ifOne, Timed<Signal> ifZero) => MuxTimed(_pipe, bit, ifOne, ifZero);

    /// <inheritdoc/>
    public Timed<Signal> Constant(BigInteger value) => Timed<Signal>.Constant(value, Field.Bits);

    /// <summary>A multiplexer on timed values: operands lined up, no register (it is wiring in front of the next unit).</summary>
    internal static Timed<T> MuxTimed<T>(Pipe<T> pipe, Timed<T> bit, Timed<T> ifOne, Timed<T> ifZero) where T : IBits<T>
    {
        int t = Pipe<T>.Latest(bit, ifOne, ifZero);
        return new(T.Mux(pipe.At(bit, t, "sel").Value, pipe.At(ifOne, t, "mux_a").Value, pipe.At(ifZero, t, "mux_b").Value), t);
    }
}
