using BenchmarkDotNet.Attributes;
using ComputeAsic.Kernels.Msm;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Bench;

/// <summary>BN254 G1 MSM, 2^12 to 2^20 points, with the default (batch-affine) and XYZZ bucket engines on all cores.</summary>
[MemoryDiagnoser]
public class MsmBenchmarks
{
    private Bn254G1Affine[] points = [];
    private ulong[] scalars = [];
    private readonly PippengerMsm batchAffine = new(BucketMode.BatchAffine);
    private readonly PippengerMsm xyzz = new(BucketMode.Xyzz);

    /// <summary>log2 of the point count.</summary>
    [Params(12, 14, 16, 18, 20)]
    public int LogN { get; set; }

    /// <summary>Deterministic inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        points = Samples.Points<Bn254Fq, Bn254Fr, ComputeAsic.Math.Curves.Bn254G1>(1 << LogN, LogN);
        scalars = Samples.Scalars<Bn254Fr>(1 << LogN, LogN);
    }

    /// <summary>The default engine.</summary>
    [Benchmark(Baseline = true)]
    public Bn254G1Jacobian BatchAffine() => batchAffine.Msm<Bn254Fq, ComputeAsic.Math.Curves.Bn254G1>(points, scalars);

    /// <summary>XYZZ buckets, no inversions.</summary>
    [Benchmark]
    public Bn254G1Jacobian Xyzz() => xyzz.Msm<Bn254Fq, ComputeAsic.Math.Curves.Bn254G1>(points, scalars);
}
