using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Curves;

/// <summary>
/// Scott's G1 membership test for BLS12 curves (ePrint 2021/1130 §6, proof in 2022/352): with φ(x, y) = (β·x, y) for the
/// right cube root of unity β, a curve point P lies in the order-r subgroup exactly when φ(P) = -[z²]P, z the curve seed.
/// Two 64-bit scalar multiplications instead of one by the 255-bit r.
/// </summary>
/// <param name="Beta">The cube root of unity for which φ acts as -[z²] on the subgroup.</param>
/// <param name="Seed">|z|; the sign does not matter for z².</param>
public sealed record EndomorphismTest<F>(F Beta, ulong Seed) where F : struct, IField<F>;

/// <summary>Subgroup membership tests: the fast endomorphism test where a curve provides one, r·P = O otherwise.</summary>
public static class SubgroupChecks
{
    /// <summary>Whether an on-curve point is in the prime-order subgroup.</summary>
    public static bool IsInSubgroup<F, C>(in Affine<F, C> p)
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        if (p.IsIdentity || C.Cofactor.IsOne) return true;
        if (typeof(C) == typeof(Bn254G2)) return Bn254G2.IsInG2(System.Runtime.CompilerServices.Unsafe.As<Affine<F, C>, Affine<Bn254Fq2, Bn254G2>>(ref System.Runtime.CompilerServices.Unsafe.AsRef(in p)));
        return C.SubgroupTest is { } t ? Endomorphism(p, t) : ByOrder(p);
    }

    /// <summary>The generic test r·P = O (slow: a 255-bit scalar multiplication).</summary>
    public static bool ByOrder<F, C>(in Affine<F, C> p)
        where F : struct, IField<F> where C : struct, ICurve<F>
        => p.IsIdentity || p.ToJacobian().Multiply(C.Order).IsIdentity;

    /// <summary>Scott's test φ(P) + [z²]P = O.</summary>
    public static bool Endomorphism<F, C>(in Affine<F, C> p, EndomorphismTest<F> t)
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        if (p.IsIdentity) return true;
        var zp = Jacobian<F, C>.Identity;
        for (int bit = 63 - BitOperations.LeadingZeroCount(t.Seed); bit >= 0; bit--)
        {
            zp = zp.Double();
            if (((t.Seed >> bit) & 1) != 0) zp = zp.AddMixed(p);
        }
        var z2p = zp.Multiply([t.Seed]);
        var minusPhi = new Affine<F, C>(t.Beta * p.X, -p.Y);
        return z2p.Equals(minusPhi.ToJacobian());
    }

    /// <summary>Finds the β that makes the test hold on the generator (the other cube root acts as z² - 1); throws if none does.</summary>
    public static EndomorphismTest<F> ForSeed<F, C>(ulong seed)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        foreach (var beta in FieldMath.CubeRootsOfUnity<F>())
        {
            var t = new EndomorphismTest<F>(beta, seed);
            if (Endomorphism(Affine<F, C>.Generator, t)) return t;
        }
        throw new InvalidOperationException($"{C.Name}: no cube root of unity acts as -[z²] on the generator; wrong seed");
    }
}
