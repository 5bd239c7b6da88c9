using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ComputeAsic.Bench;

/// <summary>
/// The C# half of <c>bench/field-vs-c.sh</c>: the same BN254 Fq multiplication loops, inputs and checksums as
/// <c>bench/native/fp256_cios.c</c>, so the two print comparable ns per multiplication side by side.
/// </summary>
public static partial class FieldVsC
{
    private const int Chains = 8;

    /// <summary>Runs <paramref name="reps"/> repetitions of each loop with <paramref name="n"/> products and prints the medians.</summary>
    public static void Run(long n, int reps)
    {
        reps = System.Math.Clamp(reps, 1, 64);
        // Warm up until the multiply runs as tier-1 code (where the modulus words are constants).
        for (int i = 0; i < 40; i++)
        {
            Latency(20_000, out _);
            Throughput(20_000, out _);
        }
        Thread.Sleep(300);
        var lat = new Times[reps];
        var thr = new Times[reps];
        ulong hl = 0, ht = 0;
        for (int r = 0; r < reps; r++)
        {
            hl = Latency(n, out lat[r]);
            ht = Throughput(n, out thr[r]);
        }
        Report("mul-latency", lat, hl);
        Report("mul-throughput", thr, ht);
    }

    private static void Report(string what, Times[] t, ulong checksum)
    {
        double cpu = Median(t.Select(x => x.Cpu)), wall = Median(t.Select(x => x.Wall));
        Console.WriteLine(FormattableString.Invariant($"c# operator {what} cpu {cpu:F2} wall {wall:F2} checksum {checksum:x16}"));
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
        ulong seed = 2;
        var x = new Bn254Fq[Chains];
        var y = new Bn254Fq[Chains];
        for (int j = 0; j < Chains; j++)
        {
            x[j] = Element(ref seed);
            y[j] = Element(ref seed);
        }
        long rounds = n / Chains;
        var t = Times.Start();
        for (long k = 0; k < rounds; k++)
        {
            for (int j = 0; j < Chains; j++) x[j] *= y[j];
        }
        per = t.PerOp(rounds * Chains);
        ulong h = 0;
        for (int j = 0; j < Chains; j++) h ^= Fold(x[j]) * (ulong)(j + 1);
        return h;
    }

    /// <summary>
    /// Thread CPU time and wall time. CPU time is what the comparison uses: on a shared machine it leaves out the
    /// time other processes hold the core (Linux only; elsewhere it falls back to wall time).
    /// </summary>
    private readonly record struct Times(double Cpu, double Wall)
    {
        public static Times Start() => new(CpuNs(), Stopwatch.GetTimestamp());

        public Times PerOp(long ops) => new((CpuNs() - Cpu) / ops, Stopwatch.GetElapsedTime((long)Wall).TotalNanoseconds / ops);

        private static double CpuNs()
        {
            if (!OperatingSystem.IsLinux()) return Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency);
            clock_gettime(ClockThreadCpuTime, out var ts);
            return ts.Seconds * 1e9 + ts.Nanoseconds;
        }
    }

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clock, out TimeSpec time);
}
