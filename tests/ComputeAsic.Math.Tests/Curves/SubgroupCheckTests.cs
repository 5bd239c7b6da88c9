using System.Numerics;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Math.Tests.Curves;

/// <summary>The fast endomorphism subgroup test against the definition r·P = O, on subgroup points and on points with torsion of every small order the cofactor allows.</summary>
public abstract class SubgroupCheckTests<F, S, C>
    where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
{
    private static Affine<F, C> RandomCurvePoint(Random rng)
    {
        while (true)
        {
            F x = Samples.Element<F>(rng);
            if ((x.Square() * x + C.B).TrySqrt(out F y)) return new Affine<F, C>(x, rng.Next(2) == 0 ? y : -y);
        }
    }

    /// <summary>Small prime factors of the cofactor (with multiplicity folded) and what is left.</summary>
    private static (List<BigInteger> Primes, BigInteger Remainder) FactorCofactor()
    {
        var h = C.Cofactor;
        var primes = new List<BigInteger>();
        for (long p = 2; p < 200_000 && h > 1; p++)
        {
            if (h % p != 0) continue;
            primes.Add(p);
            while (h % p == 0) h /= p;
        }
        return (primes, h);
    }

    [Fact]
    public void CurveProvidesTheFastTest() => Assert.NotNull(C.SubgroupTest);

    [Fact]
    public void SubgroupPointsPass()
    {
        var t = C.SubgroupTest!;
        Assert.True(SubgroupChecks.Endomorphism(Affine<F, C>.Generator, t));
        Assert.True(SubgroupChecks.Endomorphism(Affine<F, C>.Identity, t));
        foreach (var p in Samples.Points<F, S, C>(8, 3))
        {
            Assert.True(SubgroupChecks.Endomorphism(p, t));
            Assert.True(p.IsInSubgroup);
        }
    }

    [Fact]
    public void RandomCurvePointsAgreeWithTheOrderTest()
    {
        var rng = new Random(17);
        var t = C.SubgroupTest!;
        for (int i = 0; i < 6; i++)
        {
            var p = RandomCurvePoint(rng);
            Assert.True(p.IsOnCurve);
            bool expected = SubgroupChecks.ByOrder(p);
            Assert.False(expected); // a random point has a non-trivial cofactor part with overwhelming probability
            Assert.Equal(expected, SubgroupChecks.Endomorphism(p, t));
            Assert.Equal(expected, p.IsInSubgroup);
        }
    }

    [Fact]
    public void PointsWithTorsionOfEachCofactorPrimeAreRejected()
    {
        var rng = new Random(23);
        var t = C.SubgroupTest!;
        var (primes, rest) = FactorCofactor();
        var g = Affine<F, C>.Generator.Multiply(12345).ToAffine();
        var orders = primes.Concat(rest > 1 ? [rest] : []).ToList();
        Assert.NotEmpty(orders);
        foreach (var l in orders)
        {
            // T = [r·h/l^k]Q has order a power of l (or 1); retry until it is not the identity.
            var hl = C.Cofactor;
            while (hl % l == 0) hl /= l;
            Jacobian<F, C> torsion;
            do torsion = RandomCurvePoint(rng).Multiply(C.Order * hl);
            while (torsion.IsIdentity);
            var bad = torsion.Add(g.ToJacobian()).ToAffine();
            Assert.True(bad.IsOnCurve);
            Assert.False(SubgroupChecks.ByOrder(bad));
            Assert.False(SubgroupChecks.Endomorphism(bad, t));
            Assert.False(SubgroupChecks.Endomorphism(torsion.ToAffine(), t));
        }
    }

    [Fact]
    public void AWrongSeedIsRefused()
        => Assert.Throws<InvalidOperationException>(() => SubgroupChecks.ForSeed<F, C>(C.SubgroupTest!.Seed + 2));
}

public sealed class Bls12381SubgroupCheckTests : SubgroupCheckTests<Bls12381Fq, Bls12381Fr, Bls12381G1>;

public sealed class Bls12377SubgroupCheckTests : SubgroupCheckTests<Bls12377Fq, Bls12377Fr, Bls12377G1>;
