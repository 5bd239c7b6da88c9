using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Curves;

/// <summary>An affine point (x, y) or the identity: the form points take in files, on the wire and as MSM bases.</summary>
public readonly struct Affine<F, C> : IEquatable<Affine<F, C>>
    where F : struct, IField<F> where C : struct, ICurve<F>
{
    /// <summary>x; zero for the identity.</summary>
    public readonly F X;

    /// <summary>y; zero for the identity.</summary>
    public readonly F Y;

    /// <summary>Whether this is the point at infinity.</summary>
    public readonly bool IsIdentity;

    /// <summary>A finite point; no curve check (see <see cref="IsOnCurve"/>).</summary>
    public Affine(F x, F y)
    {
        X = x;
        Y = y;
        IsIdentity = false;
    }

    private Affine(bool identity)
    {
        X = default;
        Y = default;
        IsIdentity = identity;
    }

    /// <summary>The point at infinity.</summary>
    public static Affine<F, C> Identity => new(true);

    /// <summary>The curve's standard generator.</summary>
    public static Affine<F, C> Generator => new(C.GeneratorX, C.GeneratorY);

    /// <summary>Whether y² = x³ + b (the identity counts as on the curve).</summary>
    public bool IsOnCurve => IsIdentity || Y.Square() == X.Square() * X + C.B;

    /// <summary>Whether the point lies in the prime-order subgroup (on-curve is assumed checked); fast where the curve has an endomorphism test.</summary>
    public bool IsInSubgroup => SubgroupChecks.IsInSubgroup(this);

    /// <summary>-P.</summary>
    public Affine<F, C> Negate() => IsIdentity ? this : new(X, -Y);

    /// <summary>Lifts to Jacobian coordinates.</summary>
    public Jacobian<F, C> ToJacobian() => IsIdentity ? Jacobian<F, C>.Identity : new(X, Y, F.One);

    /// <summary>Lifts to XYZZ coordinates.</summary>
    public Xyzz<F, C> ToXyzz() => IsIdentity ? Xyzz<F, C>.Identity : new(X, Y, F.One, F.One);

    /// <summary>k·P for any non-negative integer k (not reduced mod r).</summary>
    public Jacobian<F, C> Multiply(BigInteger k) => ToJacobian().Multiply(k);

    /// <inheritdoc/>
    public bool Equals(Affine<F, C> other)
        => IsIdentity == other.IsIdentity && (IsIdentity || (X == other.X && Y == other.Y));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Affine<F, C> o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode() => IsIdentity ? 0 : HashCode.Combine(X, Y);

    /// <summary>Same point.</summary>
    public static bool operator ==(Affine<F, C> a, Affine<F, C> b) => a.Equals(b);

    /// <summary>Different points.</summary>
    public static bool operator !=(Affine<F, C> a, Affine<F, C> b) => !a.Equals(b);

    /// <summary>(x, y) in decimal, or "identity".</summary>
    public override string ToString() => IsIdentity ? "identity" : $"({X}, {Y})";

    /// <summary>Converts many points with one shared inversion.</summary>
    public static void BatchFromJacobian(ReadOnlySpan<Jacobian<F, C>> points, Span<Affine<F, C>> result)
    {
        var zs = new F[points.Length];
        for (int i = 0; i < points.Length; i++) zs[i] = points[i].Z;
        FieldMath.BatchInverse<F>(zs);
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i].IsIdentity)
            {
                result[i] = Identity;
                continue;
            }
            F zi2 = zs[i].Square();
            result[i] = new(points[i].X * zi2, points[i].Y * zi2 * zs[i]);
        }
    }
}
