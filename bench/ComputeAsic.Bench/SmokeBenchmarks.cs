using BenchmarkDotNet.Attributes;

namespace ComputeAsic.Bench;

/// <summary>Keeps the suite non-empty; real suites live beside it (fields, MSM, NTT, simulator).</summary>
public class SmokeBenchmarks
{
    private Bn254Fq a = Bn254Fq.FromInt(3), b = Bn254Fq.FromInt(5);

    /// <summary>One BN254 Fq multiplication.</summary>
    [Benchmark]
    public Bn254Fq Mul() => a * b;
}
