using System.Numerics;

namespace ComputeAsic.Hdl;

/// <summary>
/// An unsigned bit vector of a fixed width, the one vocabulary combinational hardware is written in: the same generic
/// code runs on concrete values (<see cref="Bits"/>, the golden model) and builds netlist nodes (<see cref="Signal"/>).
/// </summary>
/// <remarks>
/// Width rules (all values unsigned): <c>+ - &amp; | ^</c> and the comparisons need equal widths; <c>+</c> and <c>-</c> wrap
/// modulo 2^width; <see cref="AddWithCarry"/> keeps the carry (width + 1); <c>*</c> gives the full product
/// (width a + width b); comparisons give one bit; shifts by a constant keep the width; <see cref="Mux"/> needs a one-bit
/// select and equal-width cases. A width mismatch throws <see cref="HdlException"/> naming the C# line.
/// </remarks>
public interface IBits<T> where T : IBits<T>
{
    /// <summary>Number of bits; fixed for the value's lifetime, as a wire's is.</summary>
    int Width { get; }

    /// <summary>A constant of the given width; negative values are taken modulo 2^width (two's complement), values of 2^width or more are an error.</summary>
    static abstract T Const(BigInteger value, int width);

    /// <summary>All zeros: the usual padding and reset value.</summary>
    static virtual T Zero(int width) => T.Const(BigInteger.Zero, width);

    /// <summary>All ones: masks and the top of a range.</summary>
    static virtual T Ones(int width) => T.Const(BigInteger.MinusOne, width);

    /// <summary>Sum modulo 2^width of equal-width operands.</summary>
    static abstract T operator +(T a, T b);

    /// <summary>Difference modulo 2^width of equal-width operands.</summary>
    static abstract T operator -(T a, T b);

    /// <summary>Full unsigned product, width a.Width + b.Width, so nothing is lost.</summary>
    static abstract T operator *(T a, T b);

    /// <summary>Bitwise and of equal-width operands.</summary>
    static abstract T operator &(T a, T b);

    /// <summary>Bitwise or of equal-width operands.</summary>
    static abstract T operator |(T a, T b);

    /// <summary>Bitwise exclusive or of equal-width operands.</summary>
    static abstract T operator ^(T a, T b);

    /// <summary>Bitwise complement.</summary>
    static abstract T operator ~(T a);

    /// <summary>Shift left by a constant, keeping the width (high bits fall off).</summary>
    static abstract T operator <<(T a, int n);

    /// <summary>Logical shift right by a constant, keeping the width.</summary>
    static abstract T operator >>(T a, int n);

    /// <summary>One bit: a &lt; b, unsigned.</summary>
    static abstract T operator <(T a, T b);

    /// <summary>One bit: a &gt; b, unsigned.</summary>
    static abstract T operator >(T a, T b);

    /// <summary>One bit: a ≤ b, unsigned.</summary>
    static abstract T operator <=(T a, T b);

    /// <summary>One bit: a ≥ b, unsigned.</summary>
    static abstract T operator >=(T a, T b);

    /// <summary>Sum of equal-width operands with the carry kept: width + 1, the building block of modular adders.</summary>
    T AddWithCarry(T other);

    /// <summary>One bit: this == other.</summary>
    T Eq(T other);

    /// <summary>One bit: this != other.</summary>
    T Ne(T other);

    /// <summary>Bits hi down to lo inclusive (width hi - lo + 1), as HDL writes <c>x(hi downto lo)</c>.</summary>
    T Slice(int hi, int lo);

    /// <summary>This as the high part above <paramref name="low"/>: width this + low.</summary>
    T Concat(T low);

    /// <summary>Zero-extends or truncates to <paramref name="width"/>, the only implicit-looking width change, made explicit.</summary>
    T Resize(int width);

    /// <summary>Parts joined, the first part most significant (as <c>a &amp; b</c> in VHDL, <c>{a, b}</c> in Verilog).</summary>
    static abstract T Concat(params ReadOnlySpan<T> msbFirst);

    /// <summary><paramref name="ifTrue"/> when the one-bit <paramref name="sel"/> is 1, otherwise <paramref name="ifFalse"/>.</summary>
    static abstract T Mux(T sel, T ifTrue, T ifFalse);

    /// <summary>cases[sel]; a select past the end picks the last case, so no select value is undefined.</summary>
    static abstract T Select(T sel, ReadOnlySpan<T> cases);
}

/// <summary>Operations derived from the <see cref="IBits{T}"/> primitives, written once for software and hardware.</summary>
public static class BitsExtensions
{
    /// <summary>Bit <paramref name="i"/> as a one-bit value.</summary>
    public static T Bit<T>(this T x, int i) where T : IBits<T> => x.Slice(i, i);

    /// <summary>The most significant bit, e.g. the carry of an <see cref="IBits{T}.AddWithCarry"/>.</summary>
    public static T Msb<T>(this T x) where T : IBits<T> => x.Slice(x.Width - 1, x.Width - 1);

    /// <summary>One bit: whether any bit is set.</summary>
    public static T Any<T>(this T x) where T : IBits<T> => x.Ne(T.Zero(x.Width));

    /// <summary>One bit: whether every bit is set.</summary>
    public static T All<T>(this T x) where T : IBits<T> => x.Eq(T.Ones(x.Width));

    /// <summary>One bit: whether the value is zero.</summary>
    public static T IsZero<T>(this T x) where T : IBits<T> => x.Eq(T.Zero(x.Width));

    /// <summary>The value times 2^n as a wider value (no bits lost): width + n.</summary>
    public static T ShiftUp<T>(this T x, int n) where T : IBits<T> => n == 0 ? x : x.Concat(T.Zero(n));

    /// <summary>this·2^shift + other with full precision is often what adder trees need; this pads both to <paramref name="width"/> and adds modulo 2^width.</summary>
    public static T AddResized<T>(this T x, T other, int width) where T : IBits<T> => x.Resize(width) + other.Resize(width);
}
