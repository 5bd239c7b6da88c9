using ComputeAsic.Kernels.Ntt;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Kernels.Tests;

/// <summary>The fast NTT against the naive DFT on small sizes, against the simple radix-2 on medium ones, and by round trips on large ones.</summary>
public abstract class NttTests<T> where T : struct, IPrimeField<T>
{
    private static readonly INttEngine Naive = new NaiveDft();

    public static TheoryData<int> SmallLogs => new(Enumerable.Range(0, 8));

    private static readonly INttEngine[] Fast = [CpuKernels.Ntt, new FastNtt(threads: 1), new FastNtt(threads: 3)];

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
    public void RejectsLengthsThatAreNotPowersOfTwo()
    {
        Assert.Throws<ArgumentException>(() => CpuKernels.Ntt.Forward<T>(new T[3]));
        Assert.Throws<ArgumentException>(() => CpuKernels.Ntt.Inverse<T>(new T[0]));
    }
}

public sealed class GoldilocksNttTests : NttTests<Goldilocks>;

public sealed class BabyBearNttTests : NttTests<BabyBear>;

public sealed class Bn254FrNttTests : NttTests<Bn254Fr>;
