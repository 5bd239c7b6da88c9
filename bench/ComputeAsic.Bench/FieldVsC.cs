using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ComputeAsic.Bench;

/// <summary>
/// The C# half of <c>bench/field-vs-c.sh</c>: the same BN254 Fq multiplication loops, inputs and checksums as
/// <c>bench/native/fp256_cios.c</c>, so the two print comparable ns per multiplication side by side (lines
/// "&lt;lang&gt; &lt;routine&gt; &lt;loop&gt; cpu NS wall NS checksum HEX", as the C program prints them).
/// </summary>
public static class FieldVsC
{
    private const int Chains = 8;

    /// <summary>
    /// Runs <paramref name="reps"/> repetitions of each loop with <paramref name="n"/> products and prints the medians.
    /// With <paramref name="cLibrary"/> (bench/native/fp256_cios.c built as a shared library) the C loops run in the
    /// same process, alternating with the C# ones repetition by repetition, so both see the same machine load.
    /// </summary>
    public static unsafe void Run(long n, int reps, string? cLibrary)
    {
        reps = System.Math.Clamp(reps, 1, 64);
        delegate* unmanaged<int, int, long, double*, double*, ulong> cLoop = null;
        if (cLibrary is not null)
            cLoop = (delegate* unmanaged<int, int, long, double*, double*, ulong>)NativeLibrary.GetExport(NativeLibrary.Load(cLibrary), "fp256_cios_loop");
        // Warm up until the multiply runs as tier-1 code (where the modulus words are constants).
        for (int i = 0; i < 40; i++)
        {
            Latency(20_000, out _);
            Throughput(20_000, out _);
            LatencyByRef(20_000, out _);
            ThroughputByRef(20_000, out _);
        }
        Thread.Sleep(300);
        string[] loops = ["mul-latency", "mul-throughput"];
        string[] cRoutines = ["rows", "interleaved"];
        var results = new Dictionary<string, (List<Times> Times, ulong Checksum)>();
        void Add(string key, Times t, ulong checksum)
        {
            if (!results.TryGetValue(key, out var entry)) results[key] = entry = (new List<Times>(), checksum);
            entry.Times.Add(t);
        }
        for (int r = 0; r < reps; r++)
        {
            for (int loop = 0; loop < loops.Length; loop++)
            {
                if (cLoop != null)
                {
                    for (int routine = 0; routine < cRoutines.Length; routine++)
                    {
                        double cpu, wall;
                        ulong h = cLoop(routine, loop, n, &cpu, &wall);
                        Add($"c {cRoutines[routine]} {loops[loop]}", new Times(cpu, wall), h);
                    }
                }
                ulong hs = loop == 0 ? Latency(n, out var t) : Throughput(n, out t);
                Add($"c# operator {loops[loop]}", t, hs);
                hs = loop == 0 ? LatencyByRef(n, out t) : ThroughputByRef(n, out t);
                Add($"c# Mul(in,in,out) {loops[loop]}", t, hs);
            }
        }
        foreach (var (key, (times, checksum)) in results) Report(key, times, checksum);
    }

    private static void Report(string what, List<Times> t, ulong checksum)
    {
        double cpu = Median(t.Select(x => x.Cpu)), wall = Median(t.Select(x => x.Wall));
        Console.WriteLine(FormattableString.Invariant($"{what} cpu {cpu:F2} wall {wall:F2} checksum {checksum:x16}"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var a = values.Order().ToArray();
        return a[a.Length / 2];
    }

    /// <summary>splitmix64, the same input generator as the C side.</summary>
    private static ulong SplitMix(ref ulong s)
    {
        ulong z = s += 0x9e3779b97f4a7c15UL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }

    /// <summary>A raw Montgomery value below q (top 3 bits cleared, so below 2^253 &lt; q).</summary>
    private static Bn254Fq Element(ref ulong s)
    {
        ulong a = SplitMix(ref s), b = SplitMix(ref s), c = SplitMix(ref s), d = SplitMix(ref s);
        return new Bn254Fq(a, b, c, d & 0x1fffffffffffffffUL);
    }

    private static ulong Fold(in Bn254Fq e) => e.L0 ^ (e.L1 * 3) ^ (e.L2 * 5) ^ (e.L3 * 7);

    // Fully optimized from the first call: timing loops should not depend on when on-stack replacement kicks in.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong Latency(long n, out Times per)
    {
        ulong seed = 1;
        var x = Element(ref seed);
        var y = Element(ref seed);
        var t = Times.Start();
        for (long k = 0; k < n; k++) x *= y;
        per = t.PerOp(n);
        return Fold(x);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong Throughput(long n, out Times per)
    {
        var (x, y) = Chains8();
        long rounds = n / Chains;
        var t = Times.Start();
        for (long k = 0; k < rounds; k++)
        {
            for (int j = 0; j < Chains; j++) x[j] *= y[j];
        }
        per = t.PerOp(rounds * Chains);
        return FoldChains(x);
    }

    /// <summary>The starting values of the eight chains, from the same generator state as the C side.</summary>
    private static (Bn254Fq[] X, Bn254Fq[] Y) Chains8()
    {
        ulong seed = 2;
        var x = new Bn254Fq[Chains];
        var y = new Bn254Fq[Chains];
        for (int j = 0; j < Chains; j++)
        {
            x[j] = Element(ref seed);
            y[j] = Element(ref seed);
        }
        return (x, y);
    }

    private static ulong FoldChains(Bn254Fq[] x)
    {
        ulong h = 0;
        for (int j = 0; j < Chains; j++) h ^= Fold(x[j]) * (ulong)(j + 1);
        return h;
    }

    /// <summary>The latency loop through <c>Mul(in, in, out)</c>, which writes its destination directly.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong LatencyByRef(long n, out Times per)
    {
        ulong seed = 1;
        var x = Element(ref seed);
        var y = Element(ref seed);
        var t = Times.Start();
        for (long k = 0; k < n; k++) Bn254Fq.Mul(in x, in y, out x);
        per = t.PerOp(n);
        return Fold(x);
    }

    /// <summary>The throughput loop through <c>Mul(in, in, out)</c>, as the C loop writes x[j] in place.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong ThroughputByRef(long n, out Times per)
    {
        var (x, y) = Chains8();
        long rounds = n / Chains;
        var t = Times.Start();
        for (long k = 0; k < rounds; k++)
        {
            for (int j = 0; j < Chains; j++) Bn254Fq.Mul(in x[j], in y[j], out x[j]);
        }
        per = t.PerOp(rounds * Chains);
        return FoldChains(x);
    }

    /// <summary>Thread CPU time (where available, else wall time) and wall time; CPU time is what the comparison uses.</summary>
    private readonly record struct Times(double Cpu, double Wall)
    {
        public static Times Start() => new(CpuNs(), Stopwatch.GetTimestamp());

        public Times PerOp(long ops) => new((CpuNs() - Cpu) / ops, Stopwatch.GetElapsedTime((long)Wall).TotalNanoseconds / ops);

        private static double CpuNs()
            => ThreadCpuClock.Instance.IsAvailable ? ThreadCpuClock.Now() : Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency);
    }
}
