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
/// <remarks><c>ComputeAsic.Bench inproc msm|ntt FILE [reps]</c>.</remarks>
public static class InProcess
{
    /// <summary>Runs the command and returns the exit code.</summary>
    public static int Run(string[] args)
    {
        if (args.Length >= 3 && args[1] == "windows") return Windows(int.Parse(args[2], CultureInfo.InvariantCulture));
        if (args.Length >= 3 && args[1] == "glv") return Glv(args[2], int.Parse(args[3..].FirstOrDefault() ?? "5", CultureInfo.InvariantCulture));
        if (args.Length < 3 || args[1] is not ("msm" or "ntt"))
        {
            Console.Error.WriteLine("usage: ComputeAsic.Bench inproc msm|ntt FILE [reps] | inproc windows LOGN | inproc glv LOGN[,LOGN..] [reps]");
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
            var plan = Kernels.Msm.PippengerMsm.ChooseWindows(count, bits, Kernels.Msm.BucketMode.BatchAffine);
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
        for (int r = 0; r < 2; r++) // warm-up, so tiered compilation has settled for both
        {
            on.Msm<F, C>(points, scalars);
            off.Msm<F, C>(points, scalars);
        }
        var tOn = new List<(double Wall, double Cpu)>();
        var tOff = new List<(double Wall, double Cpu)>();
        for (int r = 0; r < reps; r++)
        {
            // ABBA order: neither variant always runs first.
            if (r % 2 == 0) tOff.Add(WallAndCpu(() => off.Msm<F, C>(points, scalars)));
            tOn.Add(WallAndCpu(() => on.Msm<F, C>(points, scalars)));
            if (r % 2 != 0) tOff.Add(WallAndCpu(() => off.Msm<F, C>(points, scalars)));
        }
        double Median(List<(double Wall, double Cpu)> t, Func<(double Wall, double Cpu), double> f) => t.Select(f).Order().ElementAt(reps / 2);
        double wOff = Median(tOff, t => t.Wall), wOn = Median(tOn, t => t.Wall), cOff = Median(tOff, t => t.Cpu), cOn = Median(tOn, t => t.Cpu);
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

    /// <summary>Wall time and this process's CPU time (all threads) of one call: the CPU time is the steadier figure when other work shares the cores.</summary>
    private static (double Wall, double Cpu) WallAndCpu(Action a)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        double wall = Time(a);
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

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
