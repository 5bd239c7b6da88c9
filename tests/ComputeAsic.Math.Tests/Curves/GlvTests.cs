using System.Numerics;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using CsCheck;

namespace ComputeAsic.Math.Tests.Curves;

/// <summary>The GLV endomorphism of every curve that has one: φ acts as λ on the subgroup, and scalar splits recombine with short halves.</summary>
public abstract class GlvTests<F, C>
    where F : struct, IField<F> where C : struct, ICurve<F>
{
    private static GlvEndomorphism<F> Glv => C.Glv ?? throw new InvalidOperationException("no GLV");

    private static readonly BigInteger R = C.Order;
    private static readonly BigInteger HalfBound = BigInteger.One << 127;
    private static readonly BigInteger Top = BigInteger.One << 256;

    private static BigInteger Signed(UInt128 magnitude, bool negative)
    {
        var m = (BigInteger)magnitude;
        return negative ? -m : m;
    }

    private static void CheckSplit(BigInteger k)
    {
        var limbs = new ulong[4];
        Limbs.FromBigInteger(k, limbs);
        var s = Glv.Split(limbs);
        var k1 = Signed(s.K1, s.Negative1);
        var k2 = Signed(s.K2, s.Negative2);
        Assert.True(((k1 + k2 * Glv.Lambda - k) % R).IsZero, $"k = {k}: {k1} + {k2}·λ is not k mod r");
        Assert.True(BigInteger.Abs(k1) < HalfBound && BigInteger.Abs(k2) < HalfBound, $"k = {k}: halves {k1}, {k2} not below 2^127");
        Assert.False(s.Negative1 && s.K1 == UInt128.Zero);
        Assert.False(s.Negative2 && s.K2 == UInt128.Zero);
    }

    [Fact]
    public void BetaAndLambdaAreNontrivialCubeRootsOfUnity()
    {
        Assert.NotEqual(F.One, Glv.Beta);
        Assert.Equal(F.One, Glv.Beta * Glv.Beta * Glv.Beta);
        Assert.False(Glv.Lambda.IsOne);
        Assert.True(BigInteger.ModPow(Glv.Lambda, 3, R).IsOne);
    }

    [Fact]
    public void PhiActsAsLambdaOnSubgroupPoints()
    {
        var g = Affine<F, C>.Generator.ToJacobian();
        foreach (var k in new BigInteger[] { 1, 2, 12345, R - 1, (R - 1) / 3 })
        {
            var p = g.Multiply(k).ToAffine();
            Assert.Equal(p.ToJacobian().Multiply(Glv.Lambda), Glv.Apply(p).ToJacobian());
        }
        Assert.True(Glv.Apply(Affine<F, C>.Identity).IsIdentity);
    }

    [Fact]
    public void SplitsEdgeScalars()
    {
        var lambda = Glv.Lambda;
        var edges = new List<BigInteger>
        {
            0, 1, 2, R - 1, R - 2, lambda, lambda - 1, lambda + 1, R - lambda, lambda * lambda % R,
            HalfBound - 1, HalfBound, HalfBound + 1, (BigInteger.One << 128) - 1, BigInteger.One << 128,
            (R - 1) / 2, (R + 1) / 2, (BigInteger.One << (int)(R.GetBitLength() - 1)) - 1,
            // Non-canonical 256-bit inputs split correctly too.
            R, (BigInteger.One << 256) - 1,
        };
        foreach (var k in edges) CheckSplit(k);
    }

    [Fact]
    public void SplitsAnyScalar()
        => Gen.ULong.Array[4].Sample(k =>
        {
            var v = Limbs.ToBigInteger(k);
            CheckSplit(v % R);
            CheckSplit(v); // not reduced: up to 2^256 - 1
        }, iter: 1000);

    [Fact]
    public void SplitsScalarsNearMultiplesOfLambdaAndR()
        => Gen.Select(Gen.ULong, Gen.Int[-1000, 1000], Gen.Int[1, 3]).Sample((m, delta, j) =>
        {
            // Small multiples of λ (plus a little) split into near-zero halves; j·r + δ are the largest non-canonical inputs.
            CheckSplit(((m * Glv.Lambda) + delta + R) % R);
            CheckSplit((R - (m % 4096) - 1 + R) % R);
            var big = j * R + delta + 1000;
            if (big < Top) CheckSplit(big);
        }, iter: 1000);
}

public sealed class Bn254G1GlvTests : GlvTests<Bn254Fq, Bn254G1>;

public sealed class Bls12381G1GlvTests : GlvTests<Bls12381Fq, Bls12381G1>;

public sealed class Bls12377G1GlvTests : GlvTests<Bls12377Fq, Bls12377G1>;

public sealed class Bn254G2GlvTests : GlvTests<Bn254Fq2, Bn254G2>;
