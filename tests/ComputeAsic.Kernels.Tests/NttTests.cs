using ComputeAsic.Kernels.Ntt;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Kernels.Tests;

/// <summary>
/// The fast NTT (default, forced radix-2 and forced radix-4, one and several threads) against the naive DFT on small
/// sizes, radix-4 against radix-2 and the simple radix-2 on medium ones, and by round trips on large ones.
/// </summary>
public abstract class NttTests<T> where T : struct, IPrimeField<T>
{
    private static readonly INttEngine Naive = new NaiveDft();

    public static TheoryData<int> SmallLogs => new(Enumerable.Range(0, 9));

    /// <summary>Sizes around the cache block (2^12) and the parallel threshold, odd and even logs.</summary>
    public static TheoryData<int> MediumLogs => new(Enumerable.Range(9, 7));

    private static readonly INttEngine[] Fast =
    [
        CpuKernels.Ntt, new FastNtt(threads: 1), new FastNtt(threads: 3),
        new FastNtt(threads: 1, radix4: false), new FastNtt(threads: 1, radix4: true),
        new FastNtt(threads: 3, radix4: false), new FastNtt(threads: 3, radix4: true),
    ];

    [Theory]
    [MemberData(nameof(SmallLogs))]
    public void ForwardAndInverseMatchTheNaiveDft(int log)
    {
        var x = Samples.Values<T>(1 << log, log + 1);
        foreach (var e in Fast)
        {
            var expected = x.ToArray();
            Naive.Forward<T>(expected);
            var actual = x.ToArray();
            e.Forward<T>(actual);
            Assert.Equal(expected, actual);
            Naive.Inverse<T>(expected);
            e.Inverse<T>(actual);
            Assert.Equal(expected, actual);
            Assert.Equal(x, actual);
        }
    }

    [Theory]
    [MemberData(nameof(SmallLogs))]
    public void CosetVariantsMatchTheDefinition(int log)
    {
        int n = 1 << log;
        var x = Samples.Values<T>(n, log + 50);
        T shift = T.MultiplicativeGenerator;
        // X_k = Σ_j x_j·shift^j·ω^(jk), computed with the naive DFT on pre-scaled input.
        var scaled = x.ToArray();
        T s = T.One;
        for (int j = 0; j < n; j++)
        {
            scaled[j] *= s;
            s *= shift;
        }
        Naive.Forward<T>(scaled);
        foreach (var e in Fast)
        {
            var actual = x.ToArray();
            e.ForwardCoset(actual, shift);
            Assert.Equal(scaled, actual);
            e.InverseCoset(actual, shift);
            Assert.Equal(x, actual);
        }
    }

    [Theory]
    [MemberData(nameof(MediumLogs))]
    public void Radix4AgreesWithRadix2InEveryVariant(int log) => Radix4AgreesWithRadix2(log);

    [Theory]
    [Trait("Category", "Long")]
    [InlineData(20)]
    [InlineData(21)]
    public void Radix4AgreesWithRadix2InEveryVariantOnLargeSizes(int log) => Radix4AgreesWithRadix2(log);

    /// <summary>Forward, inverse and both coset variants, single- and multi-threaded, radix-4 equal to radix-2; round trips return the input.</summary>
    private static void Radix4AgreesWithRadix2(int log)
    {
        var x = Samples.Values<T>(1 << log, log + 200);
        T shift = T.MultiplicativeGenerator;
        Action<INttEngine, T[]>[] variants =
        [
            (e, a) => e.Forward<T>(a),
            (e, a) => e.Inverse<T>(a),
            (e, a) => e.ForwardCoset(a, shift),
            (e, a) => e.InverseCoset(a, shift),
        ];
        foreach (int threads in new[] { 1, 3 })
        {
            var r2 = new FastNtt(threads, radix4: false);
            var r4 = new FastNtt(threads, radix4: true);
            foreach (var variant in variants)
            {
                var expected = x.ToArray();
                variant(r2, expected);
                var actual = x.ToArray();
                variant(r4, actual);
                Assert.Equal(expected, actual);
            }
            var y = x.ToArray();
            r4.Forward<T>(y);
            Assert.NotEqual(x, y);
            r4.Inverse<T>(y);
            Assert.Equal(x, y);
            r4.ForwardCoset(y, shift);
            r4.InverseCoset(y, shift);
            Assert.Equal(x, y);
        }
    }

    [Fact]
    public void AgreesWithTheSimpleRadix2OnAMediumSize()
    {
        // 2^14 crosses the cache-block and parallel thresholds.
        var x = Samples.Values<T>(1 << 14, 77);
        var expected = x.ToArray();
        new Radix2Ntt().Forward<T>(expected);
        var actual = x.ToArray();
        CpuKernels.Ntt.Forward<T>(actual);
        Assert.Equal(expected, actual);
        CpuKernels.Ntt.Inverse<T>(actual);
        Assert.Equal(x, actual);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void LargeRoundTripsAndAgreement()
    {
        var x = Samples.Values<T>(1 << 20, 78);
        var a = x.ToArray();
        CpuKernels.Ntt.ForwardCoset(a, T.MultiplicativeGenerator);
        var b = x.ToArray();
        new FastNtt(threads: 1).ForwardCoset(b, T.MultiplicativeGenerator);
        Assert.Equal(a, b);
        CpuKernels.Ntt.InverseCoset(a, T.MultiplicativeGenerator);
        Assert.Equal(x, a);
        var c = x.ToArray();
        var d = x.ToArray();
        CpuKernels.Ntt.Forward<T>(c);
        new Radix2Ntt().Forward<T>(d);
        Assert.Equal(d, c);
    }

    [Fact]
    public void TheDefaultEngineRunsRadix4()
    {
        Assert.Equal("radix4-parallel", CpuKernels.Ntt.Name);
        Assert.Equal("radix2-parallel", new FastNtt(radix4: false).Name);
    }

    [Fact]
    public void RejectsLengthsThatAreNotPowersOfTwo()
    {
        Assert.Throws<ArgumentException>(() => CpuKernels.Ntt.Forward<T>(new T[3]));
        Assert.Throws<ArgumentException>(() => CpuKernels.Ntt.Inverse<T>(new T[0]));
    }
}

public sealed class GoldilocksNttTests : NttTests<Goldilocks>;

public sealed class BabyBearNttTests : NttTests<BabyBear>;

public sealed class Bn254FrNttTests : NttTests<Bn254Fr>;
