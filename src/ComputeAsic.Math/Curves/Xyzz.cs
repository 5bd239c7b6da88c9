using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Curves;

/// <summary>A point in extended Jacobian XYZZ coordinates (x = X/ZZ, y = Y/ZZZ, ZZ³ = ZZZ²); ZZ = 0 is the identity. Cheapest mixed addition: the MSM bucket form.</summary>
public readonly struct Xyzz<F, C> : IEquatable<Xyzz<F, C>>
    where F : struct, IField<F> where C : struct, ICurve<F>
{
    /// <summary>X coordinate.</summary>
    public readonly F X;

    /// <summary>Y coordinate.</summary>
    public readonly F Y;

    /// <summary>ZZ = Z²; zero for the identity.</summary>
    public readonly F ZZ;

    /// <summary>ZZZ = Z³.</summary>
    public readonly F ZZZ;

    /// <summary>A point from raw coordinates.</summary>
    public Xyzz(F x, F y, F zz, F zzz)
    {
        X = x;
        Y = y;
        ZZ = zz;
        ZZZ = zzz;
    }

    /// <summary>The point at infinity.</summary>
    public static Xyzz<F, C> Identity => new(F.One, F.One, F.Zero, F.Zero);

    /// <summary>Whether this is the point at infinity.</summary>
    public bool IsIdentity => ZZ.IsZero;

    /// <summary>-P.</summary>
    public Xyzz<F, C> Negate() => new(X, -Y, ZZ, ZZZ);

    /// <summary>2P (dbl-2008-s-1, a = 0: 6M + 3S).</summary>
    public Xyzz<F, C> Double()
    {
        if (IsIdentity) return this;
        F u = Y.Double();
        F v = u.Square();
        F w = u * v;
        F s = X * v;
        F xx = X.Square();
        F m = xx.Double() + xx;
        F x3 = m.Square() - s.Double();
        F y3 = m * (s - x3) - w * Y;
        return new(x3, y3, v * ZZ, w * ZZZ);
    }

    /// <summary>P + Q (add-2008-s: 12M + 2S), routing P = Q to doubling and P = -Q to the identity.</summary>
    public Xyzz<F, C> Add(in Xyzz<F, C> q)
    {
        if (IsIdentity) return q;
        if (q.IsIdentity) return this;
        F u1 = X * q.ZZ;
        F u2 = q.X * ZZ;
        F s1 = Y * q.ZZZ;
        F s2 = q.Y * ZZZ;
        F p = u2 - u1;
        F r = s2 - s1;
        if (p.IsZero) return r.IsZero ? Double() : Identity;
        F pp = p.Square();
        F ppp = p * pp;
        F qq = u1 * pp;
        F x3 = r.Square() - ppp - qq.Double();
        F y3 = r * (qq - x3) - s1 * ppp;
        return new(x3, y3, ZZ * q.ZZ * pp, ZZZ * q.ZZZ * ppp);
    }

    /// <summary>P + Q for affine Q (madd-2008-s: 8M + 2S), with the exceptional cases routed.</summary>
    public Xyzz<F, C> AddMixed(in Affine<F, C> q)
    {
        if (q.IsIdentity) return this;
        if (IsIdentity) return q.ToXyzz();
        F u2 = q.X * ZZ;
        F s2 = q.Y * ZZZ;
        F p = u2 - X;
        F r = s2 - Y;
        if (p.IsZero) return r.IsZero ? DoubleAffine(q) : Identity;
        F pp = p.Square();
        F ppp = p * pp;
        F qq = X * pp;
        F x3 = r.Square() - ppp - qq.Double();
        F y3 = r * (qq - x3) - Y * ppp;
        return new(x3, y3, ZZ * pp, ZZZ * ppp);
    }

    /// <summary>2Q for affine Q (mdbl-2008-s-1: 4M + 2S).</summary>
    public static Xyzz<F, C> DoubleAffine(in Affine<F, C> q)
    {
        if (q.IsIdentity) return Identity;
        F u = q.Y.Double();
        F v = u.Square();
        F w = u * v;
        F s = q.X * v;
        F xx = q.X.Square();
        F m = xx.Double() + xx;
        F x3 = m.Square() - s.Double();
        F y3 = m * (s - x3) - w * q.Y;
        return new(x3, y3, v, w);
    }

    /// <summary>Converts to Jacobian without an inversion.</summary>
    public Jacobian<F, C> ToJacobian()
    {
        if (IsIdentity) return Jacobian<F, C>.Identity;
        // With the implicit Z = ZZZ/ZZ, take Z' = ZZ·ZZZ (= Z⁵): X' = X·ZZ·ZZZ² (= x·Z'²), Y' = Y·ZZ³·ZZZ² (= y·Z'³).
        F zzz2 = ZZZ.Square();
        F xj = X * ZZ * zzz2;
        F yj = Y * ZZ.Square() * ZZ * zzz2;
        return new(xj, yj, ZZ * ZZZ);
    }

    /// <summary>Normalizes to affine with one inversion.</summary>
    public Affine<F, C> ToAffine()
    {
        if (IsIdentity) return Affine<F, C>.Identity;
        F zzzInv = ZZZ.Inverse();
        F zInv = ZZ * zzzInv;          // 1/Z
        F zzInv = zInv.Square();       // 1/ZZ
        return new(X * zzInv, Y * zzzInv);
    }

    /// <summary>Same point regardless of representation.</summary>
    public bool Equals(Xyzz<F, C> other)
    {
        if (IsIdentity || other.IsIdentity) return IsIdentity == other.IsIdentity;
        return X * other.ZZ == other.X * ZZ && Y * other.ZZZ == other.Y * ZZZ;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Xyzz<F, C> o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode() => ToAffine().GetHashCode();

    /// <summary>Same point.</summary>
    public static bool operator ==(Xyzz<F, C> a, Xyzz<F, C> b) => a.Equals(b);

    /// <summary>Different points.</summary>
    public static bool operator !=(Xyzz<F, C> a, Xyzz<F, C> b) => !a.Equals(b);

    /// <summary>The affine form as text.</summary>
    public override string ToString() => ToAffine().ToString();
}
