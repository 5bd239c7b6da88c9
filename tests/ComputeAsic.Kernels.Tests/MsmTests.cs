using System.Numerics;
using ComputeAsic.Kernels.Msm;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Kernels.Tests;

/// <summary>Every MSM engine against the naive double-and-add oracle on small inputs, edge cases included, and against each other on large ones.</summary>
public abstract class MsmTests<F, S, C>
    where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
{
    private static readonly IMsmEngine Oracle = new NaiveMsm();

    public static TheoryData<string> Engines => new(EngineTable.Keys.ToArray());

    private static readonly Dictionary<string, IMsmEngine> EngineTable = new()
    {
        ["default"] = CpuKernels.Msm,
        ["batch-affine"] = new PippengerMsm(BucketMode.BatchAffine),
        ["batch-affine-c2-1thread"] = new PippengerMsm(BucketMode.BatchAffine, windowBits: 2, threads: 1),
        ["batch-affine-c5"] = new PippengerMsm(BucketMode.BatchAffine, windowBits: 5),
        ["batch-affine-c9"] = new PippengerMsm(BucketMode.BatchAffine, windowBits: 9, threads: 3),
        ["xyzz"] = new PippengerMsm(BucketMode.Xyzz),
        ["xyzz-c4"] = new PippengerMsm(BucketMode.Xyzz, windowBits: 4),
        ["batch-affine-glv-always"] = new PippengerMsm(BucketMode.BatchAffine, glvMaxPoints: int.MaxValue),
        ["xyzz-c4-glv-always"] = new PippengerMsm(BucketMode.Xyzz, windowBits: 4, glvMaxPoints: int.MaxValue),
        ["batch-affine-no-glv"] = new PippengerMsm(BucketMode.BatchAffine, glvMaxPoints: 0),
        ["simple"] = new SimplePippenger(),
    };

    private static ulong[] Limbs(IEnumerable<BigInteger> ks)
    {
        var list = ks.ToList();
        var l = new ulong[list.Count * MsmJson.ScalarLimbs];
        for (int i = 0; i < list.Count; i++) ComputeAsic.Math.Fields.Limbs.FromBigInteger(list[i], l.AsSpan(i * MsmJson.ScalarLimbs, MsmJson.ScalarLimbs));
        return l;
    }

    private static void Check(IMsmEngine engine, Affine<F, C>[] points, ulong[] scalars)
    {
        var expected = Oracle.Msm<F, C>(points, scalars).ToAffine();
        var actual = engine.Msm<F, C>(points, scalars).ToAffine();
        Assert.Equal(expected, actual);
    }

    private static Affine<F, C>[] Points(int n, int seed) => Samples.Points<F, S, C>(n, seed);

    [Theory]
    [MemberData(nameof(Engines))]
    public void EmptySingleAndPairMatchTheOracle(string engine)
    {
        var e = EngineTable[engine];
        Assert.True(e.Msm<F, C>([], []).IsIdentity);
        var p = Points(2, 3);
        Check(e, p[..1], Samples.Scalars<S>(1, 4));
        Check(e, p, Samples.Scalars<S>(2, 5));
        Check(e, p, Limbs([C.Order - 1, 1]));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void RandomInputsMatchTheOracle(string engine)
    {
        var e = EngineTable[engine];
        foreach (int n in new[] { 3, 31, 33, 200 })
        {
            Check(e, Points(n, n), Samples.Scalars<S>(n, n + 1));
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void EdgeCasesMatchTheOracle(string engine) => CheckEdgeCases(EngineTable[engine]);

    /// <summary>With 2048 buckets per window the bucket sums are reduced in batch-affine lanes rather than one running sum.</summary>
    [Fact]
    public void LaneReductionMatchesTheOracleOnTheEdgeCases()
        => CheckEdgeCases(new PippengerMsm(BucketMode.BatchAffine, windowBits: 12, threads: 2));

    private static void CheckEdgeCases(IMsmEngine e)
    {
        var rng = new Random(7);
        int n = 96;
        var basePts = Points(8, 9);
        var g = Affine<F, C>.Generator;
        var points = new Affine<F, C>[n];
        var ks = new BigInteger[n];
        for (int i = 0; i < n; i++)
        {
            // Identity points, repeated points, opposite points, the generator; scalars 0, 1, r-1, small, equal, near λ.
            points[i] = (i % 6) switch
            {
                0 => Affine<F, C>.Identity,
                1 => basePts[i % 3],
                2 => basePts[i % 3].Negate(),
                3 => g,
                4 => g.Negate(),
                _ => basePts[rng.Next(8)],
            };
            // With λ the GLV eigenvalue: λ, r - λ and r - 2 split into halves at the edges of their range.
            var lambda = C.Glv?.Lambda ?? 2;
            ks[i] = (i % 8) switch
            {
                0 => 0,
                1 => C.Order - 1,
                2 => 1,
                3 => 12345,
                4 => lambda,
                5 => C.Order - lambda,
                6 => C.Order - 2,
                _ => new BigInteger(rng.NextInt64(long.MaxValue)) << rng.Next(190),
            } % C.Order;
        }
        Check(e, points, Limbs(ks));
        Assert.True(e.Msm<F, C>(points, new ulong[n * MsmJson.ScalarLimbs]).IsIdentity);
        Assert.True(e.Msm<F, C>(Enumerable.Repeat(Affine<F, C>.Identity, n).ToArray(), Limbs(ks)).IsIdentity);
        // Same point and same scalar everywhere: every bucket addition is a doubling.
        var same = Enumerable.Repeat(basePts[0], n).ToArray();
        Check(e, same, Limbs(Enumerable.Repeat(C.Order - 1, n)));
        // P and -P with equal scalars cancel exactly.
        var pm = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? basePts[i % 8] : basePts[(i - 1) % 8].Negate()).ToArray();
        var pairs = Limbs(Enumerable.Range(0, n).Select(i => new BigInteger(1000 + i / 2) * 7919 % C.Order));
        Assert.True(e.Msm<F, C>(pm, pairs).IsIdentity);
    }

    [Fact]
    public void EnginesAgreeOnAMediumInput()
    {
        int n = 3000;
        var p = Points(n, 21);
        var s = Samples.Scalars<S>(n, 22);
        var expected = new PippengerMsm(BucketMode.Xyzz, glvMaxPoints: 0).Msm<F, C>(p, s);
        Assert.Equal(expected, new PippengerMsm(BucketMode.BatchAffine).Msm<F, C>(p, s));
        Assert.Equal(expected, new PippengerMsm(BucketMode.Xyzz, glvMaxPoints: int.MaxValue).Msm<F, C>(p, s));
        Assert.Equal(expected, new PippengerMsm(BucketMode.BatchAffine, glvMaxPoints: int.MaxValue).Msm<F, C>(p, s));
        Assert.Equal(expected, new PippengerMsm(BucketMode.BatchAffine, windowBits: 13, threads: 1, glvMaxPoints: int.MaxValue).Msm<F, C>(p, s));
        Assert.Equal(expected, new SimplePippenger().Msm<F, C>(p, s));
    }

    [Fact]
    [Trait("Category", "Long")]
    public void EnginesAgreeOnALargeInput()
    {
        int n = 1 << 16;
        var p = Points(n, 31);
        var s = Samples.Scalars<S>(n, 32);
        var expected = new PippengerMsm(BucketMode.Xyzz, glvMaxPoints: 0).Msm<F, C>(p, s);
        Assert.Equal(expected, new PippengerMsm(BucketMode.BatchAffine).Msm<F, C>(p, s));
        Assert.Equal(expected, new PippengerMsm(BucketMode.BatchAffine, windowBits: 16, glvMaxPoints: 0).Msm<F, C>(p, s));
        Assert.Equal(expected, new PippengerMsm(BucketMode.BatchAffine, glvMaxPoints: int.MaxValue).Msm<F, C>(p, s));
    }

    [Fact]
    public void RejectsMismatchedLengths()
        => Assert.Throws<ArgumentException>(() => CpuKernels.Msm.Msm<F, C>(Points(2, 1), new ulong[4]));

    [Fact]
    public void SignedDigitsRecomposeTheScalar()
    {
        var rng = new Random(5);
        var k = new ulong[4];
        for (int trial = 0; trial < 200; trial++)
        {
            for (int l = 0; l < 4; l++) k[l] = (ulong)rng.NextInt64() * 2 + (ulong)rng.Next(2);
            int c = 2 + trial % 19;
            int bits = SignedDigits.MaxBits(k);
            BigInteger sum = 0;
            for (int w = SignedDigits.WindowCount(bits, c) - 1; w >= 0; w--)
            {
                int d = SignedDigits.Digit(k, w * c, c);
                Assert.InRange(d, -(1 << (c - 1)), 1 << (c - 1));
                sum = (sum << c) + d;
            }
            Assert.Equal(ComputeAsic.Math.Fields.Limbs.ToBigInteger(k), sum);
        }
    }

    [Fact]
    public void MixedWidthDigitsRecomposeTheScalar()
    {
        var rng = new Random(6);
        var k = new ulong[4];
        for (int trial = 0; trial < 300; trial++)
        {
            for (int l = 0; l < 4; l++) k[l] = (ulong)rng.NextInt64() * 2 + (ulong)rng.Next(2);
            k[3] >>= rng.Next(64);
            int bits = SignedDigits.MaxBits(k);
            if (bits < 2) continue;
            int fewest = (bits + 1 + 23) / 24; // Digit takes widths up to 24 bits
            int windows = fewest + rng.Next((bits + 1) / 2 - fewest + 1);
            var widths = SignedDigits.Widths(bits, windows);
            Assert.Equal(bits + 1, widths.Sum());
            Assert.True(widths.Max() - widths.Min() <= 1);
            BigInteger sum = 0;
            int offset = bits + 1;
            for (int w = windows - 1; w >= 0; w--)
            {
                offset -= widths[w];
                int d = SignedDigits.Digit(k, offset, widths[w]);
                Assert.InRange(d, -(1 << (widths[w] - 1)), 1 << (widths[w] - 1));
                sum = (sum << widths[w]) + d;
            }
            Assert.Equal(ComputeAsic.Math.Fields.Limbs.ToBigInteger(k), sum);
        }
    }

    [Theory]
    [InlineData(1 << 10, 254)]
    [InlineData(1 << 16, 254)]
    [InlineData(1 << 20, 255)]
    [InlineData(1 << 16, 128)]
    public void ChosenWindowsTileTheScalarBits(int n, int bits)
    {
        var widths = PippengerMsm.ChooseWindows(n, bits, BucketMode.BatchAffine);
        Assert.Equal(bits + 1, widths.Sum());
        Assert.True(widths.Max() - widths.Min() <= 1);
        Assert.InRange(widths.Max(), 2, 20);
    }
}

public sealed class Bn254MsmTests : MsmTests<Bn254Fq, Bn254Fr, Bn254G1>;

public sealed class Bls12381MsmTests : MsmTests<Bls12381Fq, Bls12381Fr, Bls12381G1>;

public sealed class Bls12377MsmTests : MsmTests<Bls12377Fq, Bls12377Fr, Bls12377G1>;
