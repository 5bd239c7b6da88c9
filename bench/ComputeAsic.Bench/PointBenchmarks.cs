using BenchmarkDotNet.Attributes;
using ComputeAsic.Kernels.Msm;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Bench;

/// <summary>BN254 G1 point additions in each form the MSM uses: Jacobian mixed, XYZZ mixed and full, and batch-affine (per addition, batch of 1024).</summary>
public class PointBenchmarks
{
    private const int Batch = 1024;
    private Bn254G1Affine[] points = [];
    private readonly AffineSlots<Bn254Fq> slots = new(2 * Batch);
    private readonly BatchAdder<Bn254Fq> adder = new(Batch);
    private Bn254G1Jacobian jac;
    private Xyzz<Bn254Fq, Bn254G1> xyzz;

    /// <summary>Deterministic points.</summary>
    [GlobalSetup]
    public void Setup()
    {
        points = Samples.Points<Bn254Fq, Bn254Fr, Bn254G1>(2 * Batch, 1);
        jac = points[0].ToJacobian().Double();
        xyzz = points[0].ToXyzz().Double();
    }

    /// <summary>Jacobian + affine (madd-2007-bl).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Bn254G1Jacobian JacobianMixed()
    {
        var acc = jac;
        for (int i = 0; i < Batch; i++) acc = acc.AddMixed(points[i]);
        return acc;
    }

    /// <summary>XYZZ + affine (madd-2008-s), the XYZZ bucket step.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Xyzz<Bn254Fq, Bn254G1> XyzzMixed()
    {
        var acc = xyzz;
        for (int i = 0; i < Batch; i++) acc = acc.AddMixed(points[i]);
        return acc;
    }

    /// <summary>XYZZ + XYZZ (add-2008-s), the running-sum step.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Xyzz<Bn254Fq, Bn254G1> XyzzFull()
    {
        var acc = xyzz;
        for (int i = 0; i < Batch; i++) acc = acc.Add(xyzz);
        return acc;
    }

    /// <summary>Independent affine additions sharing one inversion, the batch-affine bucket step.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Bn254G1Affine BatchAffine()
    {
        var xy = slots.Points;
        for (int i = 0; i < 2 * Batch; i++)
        {
            xy[i].X = points[i].X;
            xy[i].Y = points[i].Y;
        }
        for (int i = 0; i < Batch; i++) adder.Queue(slots, 2 * i, 2 * i + 1, i);
        adder.Flush(slots);
        return new Bn254G1Affine(slots.Points[0].X, slots.Points[0].Y);
    }
}
