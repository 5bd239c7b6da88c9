using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ComputeAsic.Math.Fields;

/// <summary>BN254 Fq2 = Fq[u]/(u² + 1): the coordinate field of G2, so the generic curve and MSM code runs over it unchanged.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Bn254Fq2 : IField<Bn254Fq2>
{
    /// <summary>The real part (coefficient of 1).</summary>
    public readonly Bn254Fq C0;

    /// <summary>The imaginary part (coefficient of u).</summary>
    public readonly Bn254Fq C1;

    /// <summary>c0 + c1·u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Bn254Fq2(Bn254Fq c0, Bn254Fq c1)
    {
        C0 = c0;
        C1 = c1;
    }

    /// <inheritdoc/>
    public static Bn254Fq2 Zero => default;

    /// <inheritdoc/>
    public static Bn254Fq2 One => new(Bn254Fq.One, Bn254Fq.Zero);

    /// <summary>ξ = 9 + u, the non-residue that builds Fq6 and defines the twist b' = 3/ξ.</summary>
    public static Bn254Fq2 Xi { get; } = new(Bn254Fq.FromInt(9), Bn254Fq.One);

    /// <inheritdoc/>
    public bool IsZero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => C0.IsZero && C1.IsZero;
    }

    /// <inheritdoc/>
    public static Bn254Fq2 FromInt(long value) => new(Bn254Fq.FromInt(value), Bn254Fq.Zero);

    /// <summary>Element from canonical integers c0 + c1·u (each in [0, q)).</summary>
    public static Bn254Fq2 FromBigIntegers(BigInteger c0, BigInteger c1) => new(Bn254Fq.FromBigInteger(c0), Bn254Fq.FromBigInteger(c1));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Bn254Fq2 operator +(Bn254Fq2 a, Bn254Fq2 b) => new(a.C0 + b.C0, a.C1 + b.C1);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Bn254Fq2 operator -(Bn254Fq2 a, Bn254Fq2 b) => new(a.C0 - b.C0, a.C1 - b.C1);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Bn254Fq2 operator -(Bn254Fq2 a) => new(-a.C0, -a.C1);

    /// <summary>Karatsuba: three Fq products instead of four (measured faster here than a lazy-reduction variant on 512-bit products, whose carries the JIT spills).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Bn254Fq2 operator *(Bn254Fq2 a, Bn254Fq2 b)
    {
        Bn254Fq.Mul(in a.C0, in b.C0, out var v0);
        Bn254Fq.Mul(in a.C1, in b.C1, out var v1);
        Bn254Fq sa = a.C0 + a.C1, sb = b.C0 + b.C1;
        Bn254Fq.Mul(in sa, in sb, out var v2);
        return new(v0 - v1, v2 - v0 - v1);
    }

    /// <summary>Product with an Fq element (both coordinates scaled).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Bn254Fq2 Scale(Bn254Fq k) => new(C0 * k, C1 * k);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Bn254Fq2 Square()
    {
        // (a0 + a1·u)² = (a0 + a1)(a0 − a1) + 2·a0·a1·u: two Fq products.
        Bn254Fq s = C0 + C1, d = C0 - C1;
        Bn254Fq.Mul(in s, in d, out var re);
        Bn254Fq.Mul(in C0, in C1, out var im);
        return new(re, im.Double());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Bn254Fq2 Double() => new(C0.Double(), C1.Double());

    /// <summary>c0 − c1·u: the q-power Frobenius of Fq2.</summary>
    public Bn254Fq2 Conjugate() => new(C0, -C1);

    /// <summary>this·ξ = (9c0 − c1) + (c0 + 9c1)·u, cheaper than a full product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Bn254Fq2 MulByXi()
    {
        Bn254Fq c0x8 = C0.Double().Double().Double(), c1x8 = C1.Double().Double().Double();
        return new(c0x8 + C0 - C1, c1x8 + C1 + C0);
    }

    /// <summary>1/(c0 + c1·u) = (c0 − c1·u)/(c0² + c1²); zero maps to zero.</summary>
    public Bn254Fq2 Inverse()
    {
        Bn254Fq t = (C0.Square() + C1.Square()).Inverse();
        return new(C0 * t, -(C1 * t));
    }

    /// <summary>A square root if one exists (complex method: needs one Fq square root of the norm).</summary>
    public bool TrySqrt(out Bn254Fq2 root)
    {
        if (IsZero)
        {
            root = Zero;
            return true;
        }
        // (x + yu)² = a + bu: x² − y² = a, 2xy = b, so x² = (a ± √(a²+b²))/2.
        if (!(C0.Square() + C1.Square()).TrySqrt(out Bn254Fq n))
        {
            root = default;
            return false;
        }
        Bn254Fq half = Bn254Fq.FromInt(2).Inverse();
        foreach (var sign in new[] { n, -n })
        {
            Bn254Fq x2 = (C0 + sign) * half;
            if (!x2.TrySqrt(out Bn254Fq x)) continue;
            Bn254Fq2 candidate = x.IsZero
                ? (-C0).TrySqrt(out Bn254Fq y0) ? new(Bn254Fq.Zero, y0) : default
                : new(x, C1 * (x.Double()).Inverse());
            if (candidate.Square() == this)
            {
                root = candidate;
                return true;
            }
        }
        root = default;
        return false;
    }

    /// <inheritdoc/>
    public bool Equals(Bn254Fq2 other) => C0 == other.C0 && C1 == other.C1;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Bn254Fq2 o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(C0, C1);

    /// <inheritdoc/>
    public static bool operator ==(Bn254Fq2 a, Bn254Fq2 b) => a.Equals(b);

    /// <inheritdoc/>
    public static bool operator !=(Bn254Fq2 a, Bn254Fq2 b) => !a.Equals(b);

    /// <summary>"c0 + c1*u" in decimal.</summary>
    public override string ToString() => $"{C0} + {C1}*u";
}
