using System.Numerics;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>A fully pipelined modular multiplier for one field: a·b mod p, a new pair every cycle.</summary>
public interface IFieldMultiplier
{
    /// <summary>The field.</summary>
    FieldSpec Field { get; }

    /// <summary>DSP tiles used.</summary>
    int Tiles { get; }

    /// <summary>Cycles from operands to product.</summary>
    int Latency { get; }

    /// <summary>How the product and the reduction are built, for reports.</summary>
    string Describe();

    /// <summary>a·b mod p for operands of the field's width; the result is canonical.</summary>
    Timed<T> Multiply<T>(Pipe<T> pipe, Timed<T> a, Timed<T> b) where T : IBits<T>;
}

/// <summary>Chooses the multiplier for a field: the special form for Goldilocks, Barrett for every other prime.</summary>
public static class FieldMultiplier
{
    /// <summary>The multiplier of <paramref name="field"/>.</summary>
    public static IFieldMultiplier For(FieldSpec field, ArithmeticOptions? options = null)
    {
        options = (options ?? ArithmeticOptions.Default).Validate();
        return field.IsGoldilocks ? new GoldilocksMultiplier(options) : new BarrettMultiplier(field, options);
    }

    /// <summary>The latency of a generic block, found by running it once in software (it is a property of the text, not of the data).</summary>
    internal static int Measure(Func<Pipe<Bits>, Timed<Bits>> block) => block(Wires<Bits>.Instance).Time;
}

/// <summary>
/// Barrett multiplication. Why Barrett rather than Montgomery: elements stay in their plain form, so points and
/// scalars cross the hardware boundary as canonical integers with no conversion; and Barrett tolerates an approximate
/// quotient, so the quotient product may skip its lowest tiles, which Montgomery (whose result is exact only with the
/// exact high half of m·p) cannot do without extra correction logic. The cost is three products — the full a·b
/// (Karatsuba where it saves tiles), a truncated high product q1·μ and a low product q̂·p — which together stay within two
/// full products' worth of tiles.
/// <para>
/// With n = bits of p, t = a·b (any n-bit a, b), q1 = ⌊t / 2^(n−1)⌋, μ = ⌊2^(2n) / p⌋ and q̂ = ⌊(q1·μ − d) / 2^(n+1)⌋
/// where d ≥ 0 is what the dropped tiles would have added: q − c ≤ q̂ ≤ q for q = ⌊t/p⌋ and the small c computed
/// exactly below, so r = t − q̂·p &lt; (c + 1)·p is exact modulo 2^L for L = bits((c+1)p − 1) and c conditional
/// subtractions finish the job.
/// </para>
/// </summary>
public sealed class BarrettMultiplier : IFieldMultiplier
{
    private readonly ArithmeticOptions _o;
    private readonly int _latency;

    /// <summary>Plans the multiplier of <paramref name="field"/>; throws for fields too narrow for the tile shape to matter.</summary>
    public BarrettMultiplier(FieldSpec field, ArithmeticOptions options)
    {
        _o = options.Validate();
        Field = field;
        var p = field.Modulus;
        int n = field.Bits;
        if (n < 4) throw new ArgumentException($"field {field.Id}: modulus too small for Barrett reduction");
        ShiftIn = n - 1;
        ShiftOut = n + 1;
        Mu = (BigInteger.One << (ShiftIn + ShiftOut)) / p;
        var tmax = BigInteger.Pow((BigInteger.One << n) - 1, 2);
        FullPlan = _o.SquarePlan(n);

        // Error of the quotient before dropping tiles: E0 = tmax/2^(s1+s2) + 2^s1/p, as a fraction over den.
        var den = (BigInteger.One << (ShiftIn + ShiftOut)) * p;
        var e0 = tmax * p + (BigInteger.One << (2 * ShiftIn + ShiftOut));
        int c = System.Math.Max(_o.MaxCorrections, (int)Ceiling(e0, den));
        // Dropped tiles may add d/2^s2 < c − E0.
        var room = (c * den - e0) << ShiftOut;
        var budget = room.Sign > 0 ? (room - 1) / den : BigInteger.Zero;
        int wq1 = 2 * n - ShiftIn;
        QuotientPlan = TileGrid.High(wq1, AdderTree.Bits(Mu), _o.Tile, Mu, ShiftOut, budget);
        Corrections = (int)Ceiling(e0 * (BigInteger.One << ShiftOut) + QuotientPlan.Shortfall * den, den << ShiftOut);
        QuotientBits = AdderTree.Bits(tmax / p);
        RemainderBound = (Corrections + 1) * p;
        RemainderBits = AdderTree.Bits(RemainderBound - 1);
        ReductionPlan = TileGrid.Low(QuotientBits, n, _o.Tile, p, RemainderBits);
        _latency = FieldMultiplier.Measure(w => Multiply(w, new(Bits.Zero(n), 0), new(Bits.Zero(n), 0)));
    }

    /// <inheritdoc/>
    public FieldSpec Field { get; }

    /// <summary>s1: t is shifted down this far before the quotient product.</summary>
    public int ShiftIn { get; }

    /// <summary>s2: the quotient product is shifted down this far.</summary>
    public int ShiftOut { get; }

    /// <summary>μ = ⌊2^(s1+s2) / p⌋.</summary>
    public BigInteger Mu { get; }

    /// <summary>Plan of a·b.</summary>
    public ProductPlan FullPlan { get; }

    /// <summary>Plan of the truncated high product q1·μ.</summary>
    public TileGrid QuotientPlan { get; }

    /// <summary>Plan of the low product q̂·p mod 2^L.</summary>
    public TileGrid ReductionPlan { get; }

    /// <summary>c: the quotient estimate is at most this much too small, so r &lt; (c+1)·p.</summary>
    public int Corrections { get; }

    /// <summary>Bits of the quotient estimate.</summary>
    public int QuotientBits { get; }

    /// <summary>(c+1)·p: r is below this.</summary>
    public BigInteger RemainderBound { get; }

    /// <summary>L: bits of r, and of the low product.</summary>
    public int RemainderBits { get; }

    /// <inheritdoc/>
    public int Tiles => FullPlan.Tiles + QuotientPlan.Tiles + ReductionPlan.Tiles;

    /// <inheritdoc/>
    public int Latency => _latency;

    /// <inheritdoc/>
    public string Describe() =>
        $"Barrett, {Tiles} tiles, latency {Latency}: a*b {FullPlan.Describe()}; q1*mu {QuotientPlan.Describe()}; q*p {ReductionPlan.Describe()}; {Corrections} corrections";

    /// <inheritdoc/>
    public Timed<T> Multiply<T>(Pipe<T> pipe, Timed<T> a, Timed<T> b) where T : IBits<T>
    {
        int n = Field.Bits, lps = _o.LevelsPerStage;
        var t = Products.Multiply(pipe, a, b, FullPlan, lps, "ab");
        var q1 = t with { Value = t.Value.Slice(2 * n - 1, ShiftIn) };
        var q2 = Products.MultiplyByConstant(pipe, q1, QuotientPlan, lps, "qmu");
        var q = q2 with { Value = q2.Value.Resize(QuotientBits) };
        var qp = Products.MultiplyByConstant(pipe, q, ReductionPlan, lps, "qp");
        var tLow = pipe.At(t with { Value = t.Value.Resize(RemainderBits) }, qp.Time, "t_low");
        var r = pipe.Stage(tLow.Value - qp.Value, qp.Time, "r");
        return ModArith.Reduce(pipe, r, Field.Modulus, RemainderBound, lps, "y");
    }

    private static BigInteger Ceiling(BigInteger num, BigInteger den) => (num + den - 1) / den;
}

/// <summary>
/// Goldilocks multiplication by the special form of p = 2^64 − 2^32 + 1: with the 128-bit product t = h1·2^96 +
/// h0·2^64 + l (h1, h0 of 32 bits), 2^64 ≡ 2^32 − 1 and 2^96 ≡ −1 give t ≡ l + h0·(2^32 − 1) − h1, so the reduction is
/// a few 66-bit additions and one conditional subtraction instead of two more products.
/// </summary>
public sealed class GoldilocksMultiplier : IFieldMultiplier
{
    private readonly ArithmeticOptions _o;

    /// <summary>Plans the 64×64 product.</summary>
    public GoldilocksMultiplier(ArithmeticOptions options)
    {
        _o = options.Validate();
        Plan = _o.SquarePlan(64);
        Latency = FieldMultiplier.Measure(w => Multiply(w, new(Bits.Zero(64), 0), new(Bits.Zero(64), 0)));
    }

    /// <inheritdoc/>
    public FieldSpec Field => FieldSpec.Goldilocks;

    /// <summary>Plan of the 64×64 product.</summary>
    public ProductPlan Plan { get; }

    /// <inheritdoc/>
    public int Tiles => Plan.Tiles;

    /// <inheritdoc/>
    public int Latency { get; }

    /// <inheritdoc/>
    public string Describe() => $"Goldilocks special form, {Tiles} tiles, latency {Latency}: a*b {Plan.Describe()}; reduction by shifts and adds";

    /// <inheritdoc/>
    public Timed<T> Multiply<T>(Pipe<T> pipe, Timed<T> a, Timed<T> b) where T : IBits<T>
    {
        var p = Field.Modulus;
        var t = Products.Multiply(pipe, a, b, Plan, _o.LevelsPerStage, "ab");
        var l = t.Value.Slice(63, 0).Resize(66);
        var h0 = t.Value.Slice(95, 64).Resize(66);
        var h1 = t.Value.Slice(127, 96).Resize(66);
        // s = l + h0·2^32 + (p − h0 − h1) ≡ t (mod p); p − h0 − h1 > 0 and s < 2^65 + p < 2^66.
        var s = pipe.Stage(l + (h0 << 32) + (T.Const(p, 66) - h0 - h1), t.Time, "s");
        // s = h·2^64 + l' with h ≤ 2: s ≡ l' + h·(2^32 − 1) < 2^64 + 2^33 ≤ 2p, so one conditional subtraction ends it.
        var hi = s.Value.Slice(65, 64).Resize(65);
        var u = s.Value.Slice(63, 0).Resize(65) + (hi << 32) - hi;
        return ModArith.Reduce(pipe, new Timed<T>(u, s.Time), p, (BigInteger.One << 64) + (BigInteger.One << 33), _o.LevelsPerStage, "y");
    }
}
