using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Curves;

/// <summary>A point in Jacobian coordinates (x = X/Z², y = Y/Z³); Z = 0 is the identity. The general-purpose form for scalar multiplication.</summary>
public readonly struct Jacobian<F, C> : IEquatable<Jacobian<F, C>>
    where F : struct, IField<F> where C : struct, ICurve<F>
{
    /// <summary>X coordinate.</summary>
    public readonly F X;

    /// <summary>Y coordinate.</summary>
    public readonly F Y;

    /// <summary>Z coordinate; zero for the identity.</summary>
    public readonly F Z;

    /// <summary>A point from raw coordinates.</summary>
    public Jacobian(F x, F y, F z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    /// <summary>The point at infinity.</summary>
    public static Jacobian<F, C> Identity => new(F.One, F.One, F.Zero);

    /// <summary>The curve's generator.</summary>
    public static Jacobian<F, C> Generator => Affine<F, C>.Generator.ToJacobian();

    /// <summary>Whether this is the point at infinity.</summary>
    public bool IsIdentity => Z.IsZero;

    /// <summary>Whether Y² = X³ + b·Z⁶.</summary>
    public bool IsOnCurve
    {
        get
        {
            if (IsIdentity) return true;
            F z2 = Z.Square();
            F z6 = z2.Square() * z2;
            return Y.Square() == X.Square() * X + C.B * z6;
        }
    }

    /// <summary>-P.</summary>
    public Jacobian<F, C> Negate() => new(X, -Y, Z);

    /// <summary>2P (dbl-2009-l, a = 0: 2M + 5S).</summary>
    public Jacobian<F, C> Double()
    {
        if (IsIdentity) return this;
        F a = X.Square();
        F b = Y.Square();
        F c = b.Square();
        F d = ((X + b).Square() - a - c).Double();
        F e = a.Double() + a;
        F f = e.Square();
        F x3 = f - d.Double();
        F y3 = e * (d - x3) - c.Double().Double().Double();
        F z3 = (Y * Z).Double();
        return new(x3, y3, z3);
    }

    /// <summary>P + Q (add-2007-bl), routing P = Q to doubling and P = -Q to the identity.</summary>
    public Jacobian<F, C> Add(in Jacobian<F, C> q)
    {
        if (IsIdentity) return q;
        if (q.IsIdentity) return this;
        F z1z1 = Z.Square();
        F z2z2 = q.Z.Square();
        F u1 = X * z2z2;
        F u2 = q.X * z1z1;
        F s1 = Y * q.Z * z2z2;
        F s2 = q.Y * Z * z1z1;
        F h = u2 - u1;
        F r = (s2 - s1).Double();
        if (h.IsZero) return r.IsZero ? Double() : Identity;
        F i = h.Double().Square();
        F j = h * i;
        F v = u1 * i;
        F x3 = r.Square() - j - v.Double();
        F y3 = r * (v - x3) - (s1 * j).Double();
        F z3 = ((Z + q.Z).Square() - z1z1 - z2z2) * h;
        return new(x3, y3, z3);
    }

    /// <summary>P + Q for affine Q (madd-2007-bl: 7M + 4S), with the same exceptional cases as <see cref="Add"/>.</summary>
    public Jacobian<F, C> AddMixed(in Affine<F, C> q)
    {
        if (q.IsIdentity) return this;
        if (IsIdentity) return q.ToJacobian();
        F z1z1 = Z.Square();
        F u2 = q.X * z1z1;
        F s2 = q.Y * Z * z1z1;
        F h = u2 - X;
        F r = (s2 - Y).Double();
        if (h.IsZero) return r.IsZero ? Double() : Identity;
        F hh = h.Square();
        F i = hh.Double().Double();
        F j = h * i;
        F v = X * i;
        F x3 = r.Square() - j - v.Double();
        F y3 = r * (v - x3) - (Y * j).Double();
        F z3 = (Z + h).Square() - z1z1 - hh;
        return new(x3, y3, z3);
    }

    /// <summary>k·P by double-and-add from the top bit; k is any non-negative integer (not reduced, so r·P tests the subgroup).</summary>
    public Jacobian<F, C> Multiply(BigInteger k)
    {
        if (k.Sign < 0) return Negate().Multiply(-k);
        var acc = Identity;
        for (long bit = (long)k.GetBitLength() - 1; bit >= 0; bit--)
        {
            acc = acc.Double();
            if (!(k >> (int)bit).IsEven) acc = acc.Add(this);
        }
        return acc;
    }

    /// <summary>k·P for k given as little-endian 64-bit limbs.</summary>
    public Jacobian<F, C> Multiply(ReadOnlySpan<ulong> k)
    {
        var acc = Identity;
        for (int limb = k.Length - 1; limb >= 0; limb--)
        {
            for (int bit = 63; bit >= 0; bit--)
            {
                acc = acc.Double();
                if (((k[limb] >> bit) & 1) != 0) acc = acc.Add(this);
            }
        }
        return acc;
    }

    /// <summary>Normalizes to affine with one inversion.</summary>
    public Affine<F, C> ToAffine()
    {
        if (IsIdentity) return Affine<F, C>.Identity;
        F zi = Z.Inverse();
        F zi2 = zi.Square();
        return new(X * zi2, Y * zi2 * zi);
    }

    /// <summary>Same point regardless of representation.</summary>
    public bool Equals(Jacobian<F, C> other)
    {
        if (IsIdentity || other.IsIdentity) return IsIdentity == other.IsIdentity;
        F z1z1 = Z.Square();
        F z2z2 = other.Z.Square();
        return X * z2z2 == other.X * z1z1 && Y * other.Z * z2z2 == other.Y * Z * z1z1;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Jacobian<F, C> o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode() => ToAffine().GetHashCode();

    /// <summary>Same point.</summary>
    public static bool operator ==(Jacobian<F, C> a, Jacobian<F, C> b) => a.Equals(b);

    /// <summary>Different points.</summary>
    public static bool operator !=(Jacobian<F, C> a, Jacobian<F, C> b) => !a.Equals(b);

    /// <summary>P + Q.</summary>
    public static Jacobian<F, C> operator +(Jacobian<F, C> a, Jacobian<F, C> b) => a.Add(b);

    /// <summary>-P.</summary>
    public static Jacobian<F, C> operator -(Jacobian<F, C> a) => a.Negate();

    /// <summary>P - Q.</summary>
    public static Jacobian<F, C> operator -(Jacobian<F, C> a, Jacobian<F, C> b) => a.Add(b.Negate());

    /// <summary>The affine form as text.</summary>
    public override string ToString() => ToAffine().ToString();
}
