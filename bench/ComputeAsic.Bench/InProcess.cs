using System.Diagnostics;
using System.Globalization;
using ComputeAsic.Kernels;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Bench;

/// <summary>
/// In-process timing of the default kernels on a job file, for the side-by-side peer comparison (bench/peers): the input
/// is parsed once, then the kernel runs once to warm up and <c>reps</c> more times; one JSON line reports the times and the result.
/// </summary>
/// <remarks><c>ComputeAsic.Bench inproc msm|ntt FILE [reps]</c>; the A/B modes <c>glv</c> and <c>radix</c> time two variants alternately.</remarks>
public static class InProcess
{
    /// <summary>Runs the command and returns the exit code.</summary>
    public static int Run(string[] args)
    {
        if (args.Length >= 3 && args[1] == "windows") return Windows(int.Parse(args[2], CultureInfo.InvariantCulture));
        if (args.Length >= 3 && args[1] == "glv") return Glv(args[2], int.Parse(args[3..].FirstOrDefault() ?? "5", CultureInfo.InvariantCulture));
        if (args.Length >= 3 && args[1] == "radix") return Radix(args[2], int.Parse(args[3..].FirstOrDefault() ?? "7", CultureInfo.InvariantCulture));
        if (args.Length < 3 || args[1] is not ("msm" or "ntt"))
        {
            Console.Error.WriteLine("usage: ComputeAsic.Bench inproc msm|ntt FILE [reps] | inproc windows LOGN | inproc glv LOGN[,LOGN..] [reps]"
                + " | inproc radix FIELD:LOGN[,LOGN..][:THREADS][/FIELD:..] [reps]  (FIELD bn254|goldilocks|babybear, THREADS 1|all|both)");
            return 2;
        }
        int reps = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        using var input = File.OpenRead(args[2]);
        if (args[1] == "msm")
        {
            string curve = MsmJson.ReadCurveName(input);
            input.Position = 0;
            CurveRegistry.Dispatch(curve, new Msm(input, reps));
        }
        else
        {
            string field = NttJson.ReadFieldName(input);
            input.Position = 0;
            FieldRegistry.Dispatch(field, new Ntt(input, reps));
        }
        return 0;
    }

    /// <summary>Best of 3 wall times in milliseconds.</summary>
    private static double Best(Action run)
    {
        double best = double.MaxValue;
        for (int r = 0; r < 3; r++) best = System.Math.Min(best, Time(run));
        return best;
    }

    /// <summary>
    /// Times the BN254 batch-affine MSM at 2^logN with the cost model's windows and with uniform widths around them (best of 3 each), without
    /// the GLV split (n points of 254 bits) and with it (2n points of 127 bits).
    /// </summary>
    private static int Windows(int logN)
    {
        int n = 1 << logN;
        var points = Samples.Points<Bn254Fq, Bn254Fr, Bn254G1>(n, logN);
        var scalars = Samples.Scalars<Bn254Fr>(n, logN);
        new Kernels.Msm.PippengerMsm().Msm<Bn254Fq, Bn254G1>(points, scalars); // warm-up
        foreach (var (glv, count, bits) in new[] { (false, n, Bn254Fr.Bits), (true, 2 * n, 127) })
        {
            var plan = Kernels.Msm.PippengerMsm.ChooseWindows(count, bits, Kernels.Msm.BucketMode.BatchAffine, System.Math.Min(Environment.ProcessorCount, 8));
            var chosen = new Kernels.Msm.PippengerMsm(glvMaxPoints: glv ? int.MaxValue : 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"2^{logN} {(glv ? "GLV" : "no GLV")} chosen [{string.Join(",", plan)}]: {Best(() => chosen.Msm<Bn254Fq, Bn254G1>(points, scalars)):F0} ms"));
            for (int c = plan.Max() - 2; c <= plan.Max() + 2; c++)
            {
                var e = new Kernels.Msm.PippengerMsm(windowBits: c, glvMaxPoints: glv ? int.MaxValue : 0);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"2^{logN} {(glv ? "GLV" : "no GLV")} uniform c={c}: {Best(() => e.Msm<Bn254Fq, Bn254G1>(points, scalars)):F0} ms"));
            }
        }
        return 0;
    }

    /// <summary>
    /// The default MSM with and without the GLV split, alternating run by run after a warm-up (so load from other
    /// processes hits both alike), on BN254 G1, BLS12-381 G1 and BN254 G2 at each 2^logN; prints the median wall and CPU
    /// time of each and the ratios.
    /// </summary>
    private static int Glv(string logNs, int reps)
    {
        foreach (int logN in logNs.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)))
        {
            int n = 1 << logN;
            GlvRow("bn254 G1", logN, reps, Samples.Points<Bn254Fq, Bn254Fr, Bn254G1>(n, logN), Samples.Scalars<Bn254Fr>(n, logN));
            GlvRow("bls12-381 G1", logN, reps, Samples.Points<Bls12381Fq, Bls12381Fr, Bls12381G1>(n, logN), Samples.Scalars<Bls12381Fr>(n, logN));
            if (logN <= 16) GlvRow("bn254 G2", logN, reps, G2Points(n), Samples.Scalars<Bn254Fr>(n, logN));
        }
        return 0;
    }

    /// <summary>n G2 points start + i·step (Samples.Points needs a prime field).</summary>
    private static Bn254G2Affine[] G2Points(int n)
    {
        var g = Bn254G2Affine.Generator;
        var acc = g.Multiply(123456789);
        var step = g.Multiply(987654321).ToAffine();
        var jac = new Bn254G2Jacobian[n];
        for (int i = 0; i < n; i++)
        {
            jac[i] = acc;
            acc = acc.AddMixed(step);
        }
        var result = new Bn254G2Affine[n];
        Bn254G2Affine.BatchFromJacobian(jac, result);
        return result;
    }

    private static void GlvRow<F, C>(string name, int logN, int reps, Affine<F, C>[] points, ulong[] scalars)
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        var on = new Kernels.Msm.PippengerMsm(glvMaxPoints: int.MaxValue);
        var off = new Kernels.Msm.PippengerMsm(glvMaxPoints: 0);
        if (on.Msm<F, C>(points, scalars) != off.Msm<F, C>(points, scalars)) throw new InvalidOperationException($"{name}: GLV changed the sum");
        var (off1, on1) = Abba(() => off.Msm<F, C>(points, scalars), () => on.Msm<F, C>(points, scalars), reps);
        double wOff = off1.Wall, wOn = on1.Wall, cOff = off1.Cpu, cOn = on1.Cpu;
        var endo = C.Glv!;
        double split = Time(() =>
        {
            for (int i = 0; i < points.Length; i++)
            {
                endo.Split(scalars.AsSpan(4 * i, 4));
                endo.Apply(points[i]);
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} 2^{logN}: without GLV {wOff:F0} ms ({cOff:F0} ms CPU), with GLV {wOn:F0} ms ({cOn:F0} ms CPU), medians of {reps}; without/with wall {wOff / wOn:F2}, CPU {cOff / cOn:F2}; split+φ alone {split:F1} ms on one thread"));
    }

    /// <summary>
    /// The NTT with radix-2 and with radix-4 stages (<see cref="Kernels.Ntt.FastNtt"/>'s constructor option), forward
    /// transforms alternating in ABBA order after a warm-up, per field, size and thread count (one, all cores or both);
    /// prints the load average and the median wall, calling-thread CPU and process CPU time of each, and the ratios.
    /// </summary>
    private static int Radix(string spec, int reps)
    {
        Console.WriteLine($"radix-2 vs radix-4 forward NTT, medians of {reps} alternated runs (ABBA) after a warm-up of at least 1 s; {Environment.ProcessorCount} cores");
        foreach (string part in spec.Split('/'))
        {
            var f = part.Split(':');
            var logs = f[1].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture));
            int[] threads = (f.Length > 2 ? f[2] : "both") switch
            {
                "1" => [1],
                "all" => [Environment.ProcessorCount],
                _ => [1, Environment.ProcessorCount],
            };
            foreach (int logN in logs)
            {
                foreach (int t in threads)
                {
                    switch (f[0])
                    {
                        case "bn254": RadixRow<Bn254Fr>(f[0], logN, t, reps); break;
                        case "goldilocks": RadixRow<Goldilocks>(f[0], logN, t, reps); break;
                        case "babybear": RadixRow<BabyBear>(f[0], logN, t, reps); break;
                        default: throw new ArgumentException($"unknown field {f[0]} (bn254, goldilocks, babybear)");
                    }
                }
            }
        }
        return 0;
    }

    private static void RadixRow<T>(string name, int logN, int threads, int reps) where T : struct, IPrimeField<T>
    {
        var x = Samples.Values<T>(1 << logN, logN);
        var r2 = new Kernels.Ntt.FastNtt(threads, radix4: false);
        var r4 = new Kernels.Ntt.FastNtt(threads, radix4: true);
        var a = x.ToArray();
        var b = x.ToArray();
        r2.Forward<T>(a);
        r4.Forward<T>(b);
        if (!a.AsSpan().SequenceEqual(b)) throw new InvalidOperationException($"{name} 2^{logN}: radix-4 differs from radix-2");
        string load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var (m2, m4) = Abba(() => Run(r2), () => Run(r4), reps, () => x.CopyTo(a, 0));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} 2^{logN} threads={threads} load={load}: radix-2 {m2.Wall:F2} ms wall ({m2.ThreadCpu:F2} thread CPU, {m2.Cpu:F2} process CPU), "
            + $"radix-4 {m4.Wall:F2} ms ({m4.ThreadCpu:F2}, {m4.Cpu:F2}); r2/r4 wall {m2.Wall / m4.Wall:F3}, thread CPU {m2.ThreadCpu / m4.ThreadCpu:F3}, process CPU {m2.Cpu / m4.Cpu:F3}"));

        void Run(Kernels.Ntt.FastNtt e) => e.Forward<T>(a);
    }

    /// <summary>
    /// Runs <paramref name="a"/> and <paramref name="b"/> alternately to warm up (at least twice each and for at least a
    /// second: tiered compilation replaces a hot loop's code some 100 ms after its calls settle, so a count alone leaves fast
    /// kernels timed in unoptimized code), then <paramref name="reps"/> times each in ABBA order (neither always first, so
    /// load from other processes hits both alike), <paramref name="reset"/> untimed before every run; returns the median of
    /// each figure per variant.
    /// </summary>
    private static (Sample A, Sample B) Abba(Action a, Action b, int reps, Action? reset = null)
    {
        var warm = Stopwatch.StartNew();
        for (int r = 0; r < 2 || warm.ElapsedMilliseconds < 1000; r++)
        {
            reset?.Invoke();
            a();
            reset?.Invoke();
            b();
        }
        var ta = new List<Sample>();
        var tb = new List<Sample>();
        for (int r = 0; r < reps; r++)
        {
            if (r % 2 == 0) ta.Add(Measure(a, reset));
            tb.Add(Measure(b, reset));
            if (r % 2 != 0) ta.Add(Measure(a, reset));
        }
        return (Median(ta), Median(tb));

        static Sample Median(List<Sample> t) => new(
            t.Select(s => s.Wall).Order().ElementAt(t.Count / 2),
            t.Select(s => s.Cpu).Order().ElementAt(t.Count / 2),
            t.Select(s => s.ThreadCpu).Order().ElementAt(t.Count / 2));
    }

    /// <summary>Wall, process and calling-thread CPU time of one call in ms (after an untimed <paramref name="reset"/>).</summary>
    private static Sample Measure(Action a, Action? reset)
    {
        reset?.Invoke();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long thread = ThreadCpuClock.Now();
        double wall = Time(a);
        double threadMs = (ThreadCpuClock.Now() - thread) / 1e6;
        process.Refresh();
        return new(wall, (process.TotalProcessorTime - cpu).TotalMilliseconds, threadMs);
    }

    /// <summary>One timed run: wall time, this process's CPU time (all threads: the steadier figure when other work shares the cores) and the calling thread's.</summary>
    private readonly record struct Sample(double Wall, double Cpu, double ThreadCpu);

    private static string Report(string kind, double readMs, List<double> times, string result)
    {
        var sorted = times.Skip(1).DefaultIfEmpty(times[0]).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"kind\":\"{kind}\",\"read_ms\":{readMs:F1},\"first_ms\":{times[0]:F1},\"best_ms\":{sorted[0]:F1},\"median_ms\":{sorted[sorted.Count / 2]:F1},\"result\":{result}}}");
    }

    private static double Time(Action a)
    {
        var sw = Stopwatch.StartNew();
        a();
        return sw.Elapsed.TotalMilliseconds;
    }

    private sealed class Msm(FileStream input, int reps) : ICurveVisitor<bool>
    {
        public bool Visit<F, S, C>() where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
        {
            MsmInput<F, C>? job = null;
            double read = Time(() => job = MsmJson.Read<F, S, C>(input, input.Length));
            var times = new List<double>();
            Jacobian<F, C> r = default;
            for (int i = 0; i <= reps; i++) times.Add(Time(() => r = CpuKernels.Msm.Msm<F, C>(job!.Points, job.Scalars)));
            var a = r.ToAffine();
            Console.WriteLine(Report("msm", read, times, a.IsIdentity ? "null" : $"[\"{a.X}\",\"{a.Y}\"]"));
            return true;
        }
    }

    private sealed class Ntt(FileStream input, int reps) : IFieldVisitor<bool>
    {
        public bool Visit<T>() where T : struct, IPrimeField<T>
        {
            T[] values = [];
            double read = Time(() => values = NttJson.Read<T>(input, input.Length));
            var times = new List<double>();
            T[] work = [];
            for (int i = 0; i <= reps; i++)
            {
                work = values.ToArray();
                times.Add(Time(() => CpuKernels.Ntt.Forward<T>(work)));
            }
            // A digest of the output, so the peer script can compare without a huge line: first, middle and last values.
            string result = $"[\"{work[0]}\",\"{work[work.Length / 2]}\",\"{work[^1]}\"]";
            Console.WriteLine(Report("ntt", read, times, result));
            return true;
        }
    }
}
