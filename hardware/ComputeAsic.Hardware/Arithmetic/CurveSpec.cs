using System.Numerics;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>
/// A curve y² = x³ + b as the point adder sees it: its base field and the small constant b (3b is what the complete
/// formula multiplies by, with shifts and adds), plus the Math curve that checks results.
/// </summary>
public sealed class CurveSpec
{
    private CurveSpec(string id, FieldSpec field, int b, BigInteger order, IGoldenCurve golden)
    {
        Id = id;
        Order = order;
        Field = field;
        B = b;
        Golden = golden;
    }

    /// <summary>Identifier used in entity and catalog names, e.g. <c>bn254</c>.</summary>
    public string Id { get; }

    /// <summary>The base field of the coordinates.</summary>
    public FieldSpec Field { get; }

    /// <summary>The curve constant b (small for every supported curve).</summary>
    public int B { get; }

    /// <summary>The prime order r of G1 (scalars are canonical below it): the MSM engine's digit count follows its bits.</summary>
    public BigInteger Order { get; }

    /// <summary>The Math curve the adder is checked against.</summary>
    public IGoldenCurve Golden { get; }

    private static CurveSpec Of<F, C>(string id, FieldSpec field) where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        var b = C.B.ToBigInteger();
        if (b > 1024) throw new ArgumentException($"curve {id}: b = {b} is not a small constant");
        return new(id, field, (int)b, C.Order, new GoldenCurve<F, C>());
    }

    /// <summary>BN254 G1: y² = x³ + 3.</summary>
    public static CurveSpec Bn254 { get; } = Of<Bn254Fq, Bn254G1>("bn254", FieldSpec.Bn254Fq);

    /// <summary>BLS12-381 G1: y² = x³ + 4.</summary>
    public static CurveSpec Bls12381 { get; } = Of<Bls12381Fq, Bls12381G1>("bls12_381", FieldSpec.Bls12381Fq);

    /// <summary>BLS12-377 G1: y² = x³ + 1.</summary>
    public static CurveSpec Bls12377 { get; } = Of<Bls12377Fq, Bls12377G1>("bls12_377", FieldSpec.Bls12377Fq);

    /// <summary>The supported curves.</summary>
    public static IReadOnlyList<CurveSpec> All { get; } = [Bn254, Bls12381, Bls12377];

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>An affine point as canonical integers, or the identity.</summary>
/// <param name="X">x coordinate (0 for the identity).</param>
/// <param name="Y">y coordinate (0 for the identity).</param>
/// <param name="IsIdentity">Whether this is the point at infinity.</param>
public readonly record struct AffinePoint(BigInteger X, BigInteger Y, bool IsIdentity)
{
    /// <summary>The point at infinity.</summary>
    public static AffinePoint Identity => new(0, 0, true);

    /// <inheritdoc/>
    public override string ToString() => IsIdentity ? "identity" : $"({X}, {Y})";
}

/// <summary>Curve operations of the golden model on canonical integers.</summary>
public interface IGoldenCurve
{
    /// <summary>k·G for the curve's generator G.</summary>
    AffinePoint Multiple(BigInteger k);

    /// <summary>−P.</summary>
    AffinePoint Negate(AffinePoint p);

    /// <summary>P + Q by the Math library's own (branching) formulas.</summary>
    AffinePoint Add(AffinePoint p, AffinePoint q);

    /// <summary>The affine point of projective (X : Y : Z); Z = 0 is the identity.</summary>
    AffinePoint FromProjective(BigInteger x, BigInteger y, BigInteger z);

    /// <summary>Whether the affine point is on the curve.</summary>
    bool IsOnCurve(AffinePoint p);
}

/// <summary><see cref="IGoldenCurve"/> computed by the Math curve <typeparamref name="C"/> over <typeparamref name="F"/>.</summary>
public sealed class GoldenCurve<F, C> : IGoldenCurve where F : struct, IPrimeField<F> where C : struct, ICurve<F>
{
    private static Affine<F, C> ToMath(AffinePoint p) => p.IsIdentity ? Affine<F, C>.Identity : new(F.FromBigInteger(p.X), F.FromBigInteger(p.Y));

    private static AffinePoint FromMath(Affine<F, C> p) => p.IsIdentity ? AffinePoint.Identity : new(p.X.ToBigInteger(), p.Y.ToBigInteger(), false);

    /// <inheritdoc/>
    public AffinePoint Multiple(BigInteger k) => FromMath(Jacobian<F, C>.Generator.Multiply(k).ToAffine());

    /// <inheritdoc/>
    public AffinePoint Negate(AffinePoint p) => FromMath(ToMath(p).Negate());

    /// <inheritdoc/>
    public AffinePoint Add(AffinePoint p, AffinePoint q) => FromMath(ToMath(p).ToJacobian().Add(ToMath(q).ToJacobian()).ToAffine());

    /// <inheritdoc/>
    public AffinePoint FromProjective(BigInteger x, BigInteger y, BigInteger z)
    {
        if (z.IsZero) return AffinePoint.Identity;
        var zi = F.FromBigInteger(z).Inverse();
        return new((F.FromBigInteger(x) * zi).ToBigInteger(), (F.FromBigInteger(y) * zi).ToBigInteger(), false);
    }

    /// <inheritdoc/>
    public bool IsOnCurve(AffinePoint p) => ToMath(p).IsOnCurve;
}
