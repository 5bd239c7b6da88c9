using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Bench;

/// <summary>
/// ns per field operation. "Latency" rows time one dependent chain (each operation waits for the previous result,
/// as in a square-and-multiply ladder); "Throughput" rows time eight independent chains advanced in turn (as in a
/// batch of point additions), which lets the CPU overlap them. The BN254 Fq multiplication latency is the headline
/// figure; <c>bench/field-vs-c.sh</c> sets it beside the same routine in C.
/// Run: <c>dotnet run -c Release --project bench/ComputeAsic.Bench -- --filter '*FieldBenchmarks*'</c>.
/// </summary>
[Config(typeof(InProcessConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FieldBenchmarks
{
    /// <summary>
    /// In-process: the default out-of-process toolchain rebuilds the project per run, which takes minutes on a
    /// busy 2-core machine (and hit BenchmarkDotNet's build timeout here); these micro-benchmarks do not need it.
    /// Timed by thread CPU time where available (see <see cref="ThreadCpuClock"/>).
    /// </summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig()
        {
            var job = Job.Default.WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance);
            AddJob(ThreadCpuClock.Instance.IsAvailable ? job.WithClock(ThreadCpuClock.Instance) : job);
        }
    }

    private const int Ops = 2048;

    private Bn254Fq q0, q1;
    private Bls12381Fq b0, b1;
    private Goldilocks g0, g1;
    private BabyBear s0, s1;

    /// <summary>Fixed pseudo-random operands, the same in every run.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        q0 = Element<Bn254Fq>(rng);
        q1 = Element<Bn254Fq>(rng);
        b0 = Element<Bls12381Fq>(rng);
        b1 = Element<Bls12381Fq>(rng);
        g0 = Element<Goldilocks>(rng);
        g1 = Element<Goldilocks>(rng);
        s0 = Element<BabyBear>(rng);
        s1 = Element<BabyBear>(rng);
    }

    private static T Element<T>(Random rng) where T : struct, IPrimeField<T>
    {
        var bytes = new byte[T.ByteLength + 8];
        rng.NextBytes(bytes);
        return T.FromBigInteger(new System.Numerics.BigInteger(bytes, isUnsigned: true) % T.Modulus);
    }

    // ---- BN254 Fq (4 limbs)

    [Benchmark(OperationsPerInvoke = Ops, Description = "BN254 Fq mul, latency"), BenchmarkCategory("bn254-fq")]
    public Bn254Fq Bn254FqMulLatency() => MulChain(q0, q1);

    [Benchmark(OperationsPerInvoke = Ops, Description = "BN254 Fq mul, throughput"), BenchmarkCategory("bn254-fq")]
    public Bn254Fq Bn254FqMulThroughput() => MulChains(q0, q1);

    [Benchmark(OperationsPerInvoke = Ops, Description = "BN254 Fq square, latency"), BenchmarkCategory("bn254-fq")]
    public Bn254Fq Bn254FqSquareLatency() => SquareChain(q0);

    [Benchmark(OperationsPerInvoke = Ops, Description = "BN254 Fq add, latency"), BenchmarkCategory("bn254-fq")]
    public Bn254Fq Bn254FqAddLatency() => AddChain(q0, q1);

    [Benchmark(OperationsPerInvoke = Ops, Description = "BN254 Fq add, throughput"), BenchmarkCategory("bn254-fq")]
    public Bn254Fq Bn254FqAddThroughput() => AddChains(q0, q1);

    [Benchmark(OperationsPerInvoke = Ops, Description = "BN254 Fq sub, latency"), BenchmarkCategory("bn254-fq")]
    public Bn254Fq Bn254FqSubLatency() => SubChain(q0, q1);

    [Benchmark(OperationsPerInvoke = Ops, Description = "BN254 Fq double, latency"), BenchmarkCategory("bn254-fq")]
    public Bn254Fq Bn254FqDoubleLatency() => DoubleChain(q0);

    [Benchmark(OperationsPerInvoke = 16, Description = "BN254 Fq inverse (safegcd), latency"), BenchmarkCategory("bn254-fq")]
    public Bn254Fq Bn254FqInverseLatency() => InverseChain(q0, 16);

    [Benchmark(OperationsPerInvoke = 16, Description = "BN254 Fq inverse (Fermat), latency"), BenchmarkCategory("bn254-fq")]
    public Bn254Fq Bn254FqInverseFermatLatency()
    {
        var x = q0;
        for (int i = 0; i < 16; i++) x = x.InverseByFermat() + Bn254Fq.One;
        return x;
    }

    // ---- BLS12-381 Fq (6 limbs)

    [Benchmark(OperationsPerInvoke = Ops, Description = "BLS12-381 Fq mul, latency"), BenchmarkCategory("bls12-381-fq")]
    public Bls12381Fq Bls12381FqMulLatency() => MulChain(b0, b1);

    [Benchmark(OperationsPerInvoke = Ops, Description = "BLS12-381 Fq mul, throughput"), BenchmarkCategory("bls12-381-fq")]
    public Bls12381Fq Bls12381FqMulThroughput() => MulChains(b0, b1);

    [Benchmark(OperationsPerInvoke = Ops, Description = "BLS12-381 Fq square, latency"), BenchmarkCategory("bls12-381-fq")]
    public Bls12381Fq Bls12381FqSquareLatency() => SquareChain(b0);

    // ---- small NTT fields

    [Benchmark(OperationsPerInvoke = Ops, Description = "Goldilocks mul, latency"), BenchmarkCategory("goldilocks")]
    public Goldilocks GoldilocksMulLatency() => MulChain(g0, g1);

    [Benchmark(OperationsPerInvoke = Ops, Description = "Goldilocks mul, throughput"), BenchmarkCategory("goldilocks")]
    public Goldilocks GoldilocksMulThroughput() => MulChains(g0, g1);

    [Benchmark(OperationsPerInvoke = Ops, Description = "BabyBear mul, latency"), BenchmarkCategory("babybear")]
    public BabyBear BabyBearMulLatency() => MulChain(s0, s1);

    [Benchmark(OperationsPerInvoke = Ops, Description = "BabyBear mul, throughput"), BenchmarkCategory("babybear")]
    public BabyBear BabyBearMulThroughput() => MulChains(s0, s1);

    // ---- the loops, written once over IField<T> (generic struct code is specialized per field, as in the kernels)

    private static T MulChain<T>(T x, T y) where T : struct, IField<T>
    {
        for (int i = 0; i < Ops; i++) x *= y;
        return x;
    }

    private static T MulChains<T>(T x, T y) where T : struct, IField<T>
    {
        T x0 = x, x1 = x + y, x2 = x1 + y, x3 = x2 + y, x4 = x3 + y, x5 = x4 + y, x6 = x5 + y, x7 = x6 + y;
        for (int i = 0; i < Ops / 8; i++)
        {
            x0 *= y; x1 *= y; x2 *= y; x3 *= y; x4 *= y; x5 *= y; x6 *= y; x7 *= y;
        }
        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
    }

    private static T SquareChain<T>(T x) where T : struct, IField<T>
    {
        for (int i = 0; i < Ops; i++) x = x.Square();
        return x;
    }

    private static T AddChain<T>(T x, T y) where T : struct, IField<T>
    {
        for (int i = 0; i < Ops; i++) x += y;
        return x;
    }

    private static T AddChains<T>(T x, T y) where T : struct, IField<T>
    {
        T x0 = x, x1 = x * y, x2 = x1 * y, x3 = x2 * y;
        for (int i = 0; i < Ops / 4; i++)
        {
            x0 += y; x1 += y; x2 += y; x3 += y;
        }
        return x0 + x1 + x2 + x3;
    }

    private static T SubChain<T>(T x, T y) where T : struct, IField<T>
    {
        for (int i = 0; i < Ops; i++) x -= y;
        return x;
    }

    private static T DoubleChain<T>(T x) where T : struct, IField<T>
    {
        for (int i = 0; i < Ops; i++) x = x.Double();
        return x;
    }

    private static T InverseChain<T>(T x, int count) where T : struct, IField<T>
    {
        for (int i = 0; i < count; i++) x = x.Inverse() + T.One;
        return x;
    }
}
