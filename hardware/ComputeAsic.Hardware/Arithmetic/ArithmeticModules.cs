using System.Runtime.CompilerServices;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>
/// Base of the arithmetic blocks: the body is the generic arithmetic run on <see cref="Signal"/> with
/// <see cref="Registers"/>, and <see cref="Module.Latency"/> is the time its outputs come out at, so the declared
/// latency is computed by the same code the elaborator then checks.
/// </summary>
public abstract class ArithmeticModule : Module
{
    private protected ArithmeticModule(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) : base(name, file, line) =>
        Pipe = new Registers(this);

    /// <summary>The registers of this module.</summary>
    protected Registers Pipe { get; }

    /// <summary>An input valid at cycle 0.</summary>
    protected Timed<Signal> In(string name, int width) => new(Input(name, width), 0);

    /// <summary>Declares the outputs, delaying earlier ones so all leave together, and sets the latency.</summary>
    protected void Finish(params (string Name, Timed<Signal> Value)[] outputs) => Latency = Pipe.Outputs(outputs);
}

/// <summary>Modular adder a + b mod p, latency 1.</summary>
public sealed class ModAddModule : ArithmeticModule
{
    /// <summary>An adder for <paramref name="field"/>.</summary>
    public ModAddModule(FieldSpec field) : base($"mod_add_{field.Id}") =>
        Finish(("y", ModArith.Add(Pipe, In("a", field.Bits), In("b", field.Bits), field.Modulus, "y")));
}

/// <summary>Modular subtractor a − b mod p, latency 1.</summary>
public sealed class ModSubModule : ArithmeticModule
{
    /// <summary>A subtractor for <paramref name="field"/>.</summary>
    public ModSubModule(FieldSpec field) : base($"mod_sub_{field.Id}") =>
        Finish(("y", ModArith.Sub(Pipe, In("a", field.Bits), In("b", field.Bits), field.Modulus, "y")));
}

/// <summary>Modular doubler 2a mod p, latency 1.</summary>
public sealed class ModDoubleModule : ArithmeticModule
{
    /// <summary>A doubler for <paramref name="field"/>.</summary>
    public ModDoubleModule(FieldSpec field) : base($"mod_double_{field.Id}") =>
        Finish(("y", ModArith.Double(Pipe, In("a", field.Bits), field.Modulus, "y")));
}

/// <summary>Multiplier by a small constant k·a mod p (shift-adds and conditional subtractions, no DSP).</summary>
public sealed class ModMulSmallModule : ArithmeticModule
{
    /// <summary>A multiplier by <paramref name="k"/> for <paramref name="field"/>.</summary>
    public ModMulSmallModule(FieldSpec field, int k, ArithmeticOptions? options = null) : base($"mod_mul{k}_{field.Id}") =>
        Finish(("y", ModArith.MulSmall(Pipe, In("a", field.Bits), k, field.Modulus, (options ?? ArithmeticOptions.Default).LevelsPerStage, "y")));
}

/// <summary>Modular multiplier a·b mod p (Barrett, or the Goldilocks special form), II = 1.</summary>
public sealed class ModMulModule : ArithmeticModule
{
    /// <summary>A multiplier for <paramref name="field"/>.</summary>
    public ModMulModule(FieldSpec field, ArithmeticOptions? options = null) : base($"mod_mul_{field.Id}")
    {
        Multiplier = FieldMultiplier.For(field, options);
        Finish(("y", Multiplier.Multiply(Pipe, In("a", field.Bits), In("b", field.Bits))));
    }

    /// <summary>The multiplier's plan (tiles, reduction).</summary>
    public IFieldMultiplier Multiplier { get; }
}

/// <summary>Unsigned integer multiplier of DSP tiles with Karatsuba where it saves tiles: p = a·b, 2·width bits.</summary>
public sealed class WideMultiplierModule : ArithmeticModule
{
    /// <summary>A <paramref name="width"/>-bit multiplier.</summary>
    public WideMultiplierModule(int width, ArithmeticOptions? options = null) : base($"wide_mul{width}")
    {
        var o = (options ?? ArithmeticOptions.Default).Validate();
        Plan = o.SquarePlan(width);
        Finish(("p", Products.Multiply(Pipe, In("a", width), In("b", width), Plan, o.LevelsPerStage, "ab")));
    }

    /// <summary>The tile plan.</summary>
    public ProductPlan Plan { get; }
}

/// <summary>The two radix-2 butterflies.</summary>
public enum ButterflyKind
{
    /// <summary>Cooley–Tukey: (a + w·b, a − w·b).</summary>
    CooleyTukey,

    /// <summary>Gentleman–Sande: (a + b, (a − b)·w).</summary>
    GentlemanSande,
}

/// <summary>NTT butterfly on inputs a, b and twiddle w, outputs y0, y1; built from multiplier and adder instances.</summary>
public sealed class ButterflyModule : ArithmeticModule
{
    /// <summary>A <paramref name="kind"/> butterfly for <paramref name="field"/>.</summary>
    public ButterflyModule(FieldSpec field, ButterflyKind kind, ArithmeticOptions? options = null)
        : base($"ntt_{(kind == ButterflyKind.CooleyTukey ? "ct" : "gs")}_{field.Id}")
    {
        var units = new FieldUnits(Pipe, field, options);
        var (a, b, w) = (In("a", field.Bits), In("b", field.Bits), In("w", field.Bits));
        var (y0, y1) = kind == ButterflyKind.CooleyTukey ? Butterfly.CooleyTukey(units, a, b, w) : Butterfly.GentlemanSande(units, a, b, w);
        Finish(("y0", y0), ("y1", y1));
        Counts = units.Counts;
    }

    /// <summary>Operations per butterfly.</summary>
    public OperationCounts Counts { get; }
}

/// <summary>
/// Elliptic-curve point adder for G1 (a = 0) by the complete projective formula (<see cref="CompleteAddition"/>): one
/// addition per cycle, no exceptional cases. Inputs x1, y1, z1 (projective P1) and x2, y2, z2; in the mixed adder z2 is
/// one bit (1: (x2, y2) is an affine point, 0: P2 is the identity). Outputs x3, y3, z3 (projective, canonical
/// coordinates).
/// </summary>
public sealed class PointAdderModule : ArithmeticModule
{
    /// <summary>An adder for <paramref name="curve"/>; <paramref name="mixed"/> takes P2 in affine form (11 multiplications instead of 12).</summary>
    public PointAdderModule(CurveSpec curve, bool mixed, ArithmeticOptions? options = null)
        : base($"ec_add{(mixed ? "_mixed" : "")}_{curve.Id}")
    {
        int n = curve.Field.Bits;
        var units = new FieldUnits(Pipe, curve.Field, options);
        var p1 = new ProjectivePoint<Timed<Signal>>(In("x1", n), In("y1", n), In("z1", n));
        var p2 = new ProjectivePoint<Timed<Signal>>(In("x2", n), In("y2", n), In("z2", mixed ? 1 : n));
        var r = CompleteAddition.Add(units, p1, p2, 3 * curve.B, mixed);
        Finish(("x3", r.X), ("y3", r.Y), ("z3", r.Z));
        Counts = units.Counts;
    }

    /// <summary>Operations per addition (multiplications, small-constant multiplications, additions).</summary>
    public OperationCounts Counts { get; }
}
