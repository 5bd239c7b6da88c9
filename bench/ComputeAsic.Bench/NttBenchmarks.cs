using BenchmarkDotNet.Attributes;
using ComputeAsic.Kernels;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Bench;

/// <summary>Forward NTT, 2^12 to 2^22, on the three NTT fields with the default engine (in place on a fresh copy each time).</summary>
public class NttBenchmarks
{
    private Bn254Fr[] fr = [], frWork = [];
    private Goldilocks[] gl = [], glWork = [];
    private BabyBear[] bb = [], bbWork = [];

    /// <summary>log2 of the length.</summary>
    [Params(12, 16, 20, 22)]
    public int LogN { get; set; }

    /// <summary>Deterministic inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        fr = Samples.Values<Bn254Fr>(1 << LogN, 1);
        gl = Samples.Values<Goldilocks>(1 << LogN, 2);
        bb = Samples.Values<BabyBear>(1 << LogN, 3);
        frWork = new Bn254Fr[fr.Length];
        glWork = new Goldilocks[gl.Length];
        bbWork = new BabyBear[bb.Length];
    }

    /// <summary>BN254 Fr (the Groth16 prover's field).</summary>
    [Benchmark]
    public void Bn254Fr()
    {
        fr.CopyTo(frWork, 0);
        CpuKernels.Ntt.Forward<Bn254Fr>(frWork);
    }

    /// <summary>Goldilocks.</summary>
    [Benchmark]
    public void Goldilocks()
    {
        gl.CopyTo(glWork, 0);
        CpuKernels.Ntt.Forward<Goldilocks>(glWork);
    }

    /// <summary>BabyBear.</summary>
    [Benchmark]
    public void BabyBear()
    {
        bb.CopyTo(bbWork, 0);
        CpuKernels.Ntt.Forward<BabyBear>(bbWork);
    }
}
