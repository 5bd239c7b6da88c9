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
        if (args.Length < 3 || args[1] is not ("msm" or "ntt"))
        {
            Console.Error.WriteLine("usage: ComputeAsic.Bench inproc msm|ntt FILE [reps] | inproc windows LOGN");
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

    /// <summary>Times the BN254 batch-affine MSM at 2^logN for window sizes around the cost model's choice (best of 3 each).</summary>
    private static int Windows(int logN)
    {
        int n = 1 << logN;
        var points = Samples.Points<Bn254Fq, Bn254Fr, Bn254G1>(n, logN);
        var scalars = Samples.Scalars<Bn254Fr>(n, logN);
        int chosen = Kernels.Msm.PippengerMsm.ChooseWindow(n, Bn254Fr.Bits, Kernels.Msm.BucketMode.BatchAffine);
        new Kernels.Msm.PippengerMsm().Msm<Bn254Fq, Bn254G1>(points, scalars); // warm-up
        for (int c = chosen - 2; c <= chosen + 2; c++)
        {
            var e = new Kernels.Msm.PippengerMsm(windowBits: c);
            double best = double.MaxValue;
            for (int r = 0; r < 3; r++) best = System.Math.Min(best, Time(() => e.Msm<Bn254Fq, Bn254G1>(points, scalars)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"2^{logN} c={c}{(c == chosen ? " (chosen)" : "")}: {best:F0} ms"));
        }
        return 0;
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
