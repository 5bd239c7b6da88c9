using System.Numerics;
using System.Runtime.CompilerServices;

namespace ComputeAsic.Hdl;

/// <summary>
/// A concrete unsigned bit vector: the software implementation of <see cref="IBits{T}"/>, so combinational blocks run
/// as ordinary code (the golden model). Widths up to 64 live in one machine word; wider values in 64-bit limbs.
/// </summary>
public readonly struct Bits : IBits<Bits>, IEquatable<Bits>
{
    private readonly ulong _word;
    private readonly ulong[]? _limbs;

    /// <inheritdoc/>
    public int Width { get; }

    private Bits(int width, ulong word)
    {
        Width = width;
        _word = word & Limbs.WordMask(width);
    }

    private Bits(int width, ulong[] limbs)
    {
        Width = width;
        Limbs.Mask(limbs, width);
        _limbs = limbs;
    }

    private static Bits Make(int width, ulong[] limbs) => width <= 64 ? new Bits(width, limbs[0]) : new Bits(width, limbs);

    /// <summary>A value from a machine word; throws when it does not fit the width, because silent truncation hides bugs.</summary>
    public static Bits FromUInt64(ulong value, int width)
    {
        CheckWidth(width);
        if (width < 64 && value >> width != 0) throw new ArgumentOutOfRangeException(nameof(value), $"0x{value:x} does not fit in {width} bits");
        return width <= 64 ? new Bits(width, value) : Make(width, LimbsOf(width, value));
    }

    /// <summary>A value from little-endian limbs (bits above the width are dropped), the simulator's storage form.</summary>
    public static Bits FromLimbs(ReadOnlySpan<ulong> limbs, int width)
    {
        CheckWidth(width);
        var a = new ulong[Limbs.Count(width)];
        limbs[..System.Math.Min(limbs.Length, a.Length)].CopyTo(a);
        return Make(width, a);
    }

    /// <inheritdoc/>
    public static Bits Const(BigInteger value, int width)
    {
        CheckWidth(width);
        var range = BigInteger.One << width;
        if (value >= range || value < -(range >> 1))
            throw new HdlException(DesignRule.ConstantRange, SourceLocation.FromStack(), $"constant {value} does not fit in {width} bits");
        if (value.Sign < 0) value += range;
        if (width <= 64) return new Bits(width, (ulong)value);
        var a = new ulong[Limbs.Count(width)];
        Limbs.FromBigInteger(value, a);
        return new Bits(width, a);
    }

    /// <summary>The value as an integer in [0, 2^width).</summary>
    public BigInteger ToBigInteger() => _limbs == null ? new BigInteger(_word) : Limbs.ToBigInteger(_limbs);

    /// <summary>The value as a machine word; throws for values that need more than 64 bits.</summary>
    public ulong ToUInt64()
    {
        if (_limbs == null) return _word;
        for (int i = 1; i < _limbs.Length; i++)
            if (_limbs[i] != 0) throw new OverflowException($"{Width}-bit value does not fit in 64 bits");
        return _limbs[0];
    }

    /// <summary>Copies the limbs out (zero-padded), for the simulator and for hashing.</summary>
    public void CopyTo(Span<ulong> dst)
    {
        dst.Clear();
        if (_limbs == null) dst[0] = _word;
        else _limbs.AsSpan(0, System.Math.Min(_limbs.Length, dst.Length)).CopyTo(dst);
    }

    /// <summary>Whether bit <paramref name="i"/> is set, for software that branches on a flag.</summary>
    public bool this[int i] => ((_limbs == null ? (i < 64 ? _word >> i : 0) : _limbs[i >> 6] >> (i & 63)) & 1) != 0;

    /// <summary>True for a one-bit value of 1: lets software use comparison results as conditions.</summary>
    public bool IsTrue => _limbs == null ? _word != 0 : !Span(this).ContainsAnyExcept(0UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<ulong> Span(in Bits b) => b._limbs ?? new ReadOnlySpan<ulong>(in b._word);

    private static ulong[] LimbsOf(int width, ulong low)
    {
        var a = new ulong[Limbs.Count(width)];
        a[0] = low;
        return a;
    }

    private static void CheckWidth(int width)
    {
        if (width < 1) throw new HdlException(DesignRule.WidthMismatch, SourceLocation.FromStack(), $"width {width} is not positive");
    }

    private static void Same(in Bits a, in Bits b, string op)
    {
        if (a.Width != b.Width)
            throw new HdlException(DesignRule.WidthMismatch, SourceLocation.FromStack(), $"{op}: operand widths differ ({a.Width} and {b.Width})");
    }

    private static Bits Binary(in Bits a, in Bits b, string op, Func<ulong, ulong, ulong> word, SpanOp wide)
    {
        Same(a, b, op);
        if (a._limbs == null) return new Bits(a.Width, word(a._word, b._word));
        var r = new ulong[a._limbs.Length];
        wide(a._limbs, b._limbs!, r, a.Width);
        return new Bits(a.Width, r);
    }

    private delegate void SpanOp(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, int width);

    /// <inheritdoc/>
    public static Bits operator +(Bits a, Bits b) => Binary(a, b, "+", (x, y) => x + y, (x, y, d, w) => Limbs.Add(x, y, d, w));

    /// <inheritdoc/>
    public static Bits operator -(Bits a, Bits b) => Binary(a, b, "-", (x, y) => x - y, Limbs.Sub);

    /// <inheritdoc/>
    public static Bits operator &(Bits a, Bits b) => Binary(a, b, "&", (x, y) => x & y, Bitwise((x, y) => x & y));

    /// <inheritdoc/>
    public static Bits operator |(Bits a, Bits b) => Binary(a, b, "|", (x, y) => x | y, Bitwise((x, y) => x | y));

    /// <inheritdoc/>
    public static Bits operator ^(Bits a, Bits b) => Binary(a, b, "^", (x, y) => x ^ y, Bitwise((x, y) => x ^ y));

    private static SpanOp Bitwise(Func<ulong, ulong, ulong> f) => (x, y, d, w) =>
    {
        for (int i = 0; i < d.Length; i++) d[i] = f(x[i], y[i]);
    };

    /// <inheritdoc/>
    public static Bits operator ~(Bits a)
    {
        if (a._limbs == null) return new Bits(a.Width, ~a._word);
        var r = new ulong[a._limbs.Length];
        for (int i = 0; i < r.Length; i++) r[i] = ~a._limbs[i];
        return new Bits(a.Width, r);
    }

    /// <inheritdoc/>
    public static Bits operator *(Bits a, Bits b)
    {
        int w = a.Width + b.Width;
        if (w <= 64) return new Bits(w, a._word * b._word);
        var r = new ulong[Limbs.Count(w)];
        Limbs.Mul(Span(a), Span(b), r, w);
        return new Bits(w, r);
    }

    /// <inheritdoc/>
    public Bits AddWithCarry(Bits other)
    {
        Same(this, other, "AddWithCarry");
        int w = Width + 1;
        if (w <= 64) return new Bits(w, _word + other._word);
        var x = new ulong[Limbs.Count(w)];
        var y = new ulong[x.Length];
        CopyTo(x);
        other.CopyTo(y);
        var r = new ulong[x.Length];
        Limbs.Add(x, y, r, w);
        return new Bits(w, r);
    }

    /// <inheritdoc/>
    public static Bits operator <<(Bits a, int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
        if (n >= a.Width) return Zero(a.Width);
        if (a._limbs == null) return new Bits(a.Width, a._word << n);
        var r = new ulong[a._limbs.Length];
        Limbs.Deposit(r, n, a._limbs, a.Width - n);
        return new Bits(a.Width, r);
    }

    /// <inheritdoc/>
    public static Bits operator >>(Bits a, int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
        if (n >= a.Width) return Zero(a.Width);
        if (a._limbs == null) return new Bits(a.Width, a._word >> n);
        var r = new ulong[a._limbs.Length];
        Limbs.Extract(a._limbs, n, r, a.Width - n);
        return new Bits(a.Width, r);
    }

    private static int Cmp(in Bits a, in Bits b, string op)
    {
        Same(a, b, op);
        return a._limbs == null ? a._word.CompareTo(b._word) : Limbs.Compare(a._limbs, b._limbs!);
    }

    private static Bits Flag(bool b) => new(1, b ? 1UL : 0UL);

    /// <inheritdoc/>
    public static Bits operator <(Bits a, Bits b) => Flag(Cmp(a, b, "<") < 0);

    /// <inheritdoc/>
    public static Bits operator >(Bits a, Bits b) => Flag(Cmp(a, b, ">") > 0);

    /// <inheritdoc/>
    public static Bits operator <=(Bits a, Bits b) => Flag(Cmp(a, b, "<=") <= 0);

    /// <inheritdoc/>
    public static Bits operator >=(Bits a, Bits b) => Flag(Cmp(a, b, ">=") >= 0);

    /// <inheritdoc/>
    public Bits Eq(Bits other) => Flag(Cmp(this, other, "Eq") == 0);

    /// <inheritdoc/>
    public Bits Ne(Bits other) => Flag(Cmp(this, other, "Ne") != 0);

    /// <inheritdoc/>
    public Bits Slice(int hi, int lo)
    {
        if (lo < 0 || hi < lo || hi >= Width)
            throw new HdlException(DesignRule.WidthMismatch, SourceLocation.FromStack(), $"slice ({hi} downto {lo}) is outside a {Width}-bit value");
        int w = hi - lo + 1;
        if (_limbs == null) return new Bits(w, _word >> lo);
        var r = new ulong[Limbs.Count(w)];
        Limbs.Extract(_limbs, lo, r, w);
        return Make(w, r);
    }

    /// <inheritdoc/>
    public Bits Concat(Bits low) => Concat([this, low]);

    /// <inheritdoc/>
    public static Bits Concat(params ReadOnlySpan<Bits> msbFirst)
    {
        if (msbFirst.Length == 0) throw new HdlException(DesignRule.WidthMismatch, SourceLocation.FromStack(), "concatenation of nothing");
        int w = 0;
        foreach (var p in msbFirst) w += p.Width;
        if (w <= 64)
        {
            ulong v = 0;
            foreach (var p in msbFirst) v = (p.Width == 64 ? 0 : v << p.Width) | p._word;
            return new Bits(w, v);
        }
        var r = new ulong[Limbs.Count(w)];
        int at = w;
        foreach (var p in msbFirst)
        {
            at -= p.Width;
            Limbs.Deposit(r, at, Span(p), p.Width);
        }
        return new Bits(w, r);
    }

    /// <inheritdoc/>
    public Bits Resize(int width)
    {
        CheckWidth(width);
        if (width <= 64) return new Bits(width, _limbs == null ? _word : _limbs[0]);
        var r = new ulong[Limbs.Count(width)];
        Limbs.Extract(Span(this), 0, r, System.Math.Min(width, Width));
        return new Bits(width, r);
    }

    /// <inheritdoc/>
    public static Bits Mux(Bits sel, Bits ifTrue, Bits ifFalse)
    {
        if (sel.Width != 1) throw new HdlException(DesignRule.WidthMismatch, SourceLocation.FromStack(), $"mux select must be 1 bit, not {sel.Width}");
        Same(ifTrue, ifFalse, "Mux");
        return sel._word != 0 ? ifTrue : ifFalse;
    }

    /// <inheritdoc/>
    public static Bits Select(Bits sel, ReadOnlySpan<Bits> cases)
    {
        if (cases.Length == 0) throw new HdlException(DesignRule.WidthMismatch, SourceLocation.FromStack(), "select with no cases");
        foreach (var c in cases) Same(cases[0], c, "Select");
        var s = sel.ToBigInteger();
        return s >= cases.Length ? cases[^1] : cases[(int)s];
    }

    /// <summary>All ones of a width.</summary>
    public static Bits Ones(int width) => Const(BigInteger.MinusOne, width);

    /// <summary>The zero of a width; shadows the interface default for speed.</summary>
    public static Bits Zero(int width) => width <= 64 ? new Bits(width, 0UL) : new Bits(width, new ulong[Limbs.Count(width)]);

    /// <inheritdoc/>
    public bool Equals(Bits other) => Width == other.Width && Span(this).SequenceEqual(Span(other));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Bits b && Equals(b);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Width);
        foreach (var l in Span(this)) h.Add(l);
        return h.ToHashCode();
    }

    /// <summary>Verilog-style literal, e.g. <c>8'h2a</c>, readable in test failures and reports.</summary>
    public override string ToString() => $"{Width}'h{Limbs.ToHex(Span(this), Width)}";
}
