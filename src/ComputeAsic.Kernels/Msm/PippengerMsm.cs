using System.Runtime.CompilerServices;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Kernels.Msm;

/// <summary>How Pippenger buckets are accumulated; both give the same sums, so each checks the other.</summary>
public enum BucketMode
{
    /// <summary>Points sorted by bucket, then summed pairwise in affine form with one shared inversion per batch (about 6 multiplications per addition).</summary>
    BatchAffine,

    /// <summary>One mixed XYZZ addition per point into its bucket (about 10 multiplications per addition, no inversions).</summary>
    Xyzz,
}

/// <summary>
/// Pippenger's bucket method on all cores: signed c-bit digits (2^(c-1) buckets per window), windows spread over threads,
/// buckets accumulated in batch-affine or XYZZ form, running-sum reduction. Works for any field; no allocation per point.
/// </summary>
public sealed class PippengerMsm : IMsmEngine
{
    /// <summary>
    /// The GLV split is off by default: warm, it is 1.03-1.6x faster at 2^5..2^10 points and 0.85-1.18x at 2^12
    /// (<c>ComputeAsic.Bench inproc glv</c> on BN254 G1, BLS12-381 G1 and BN254 G2), a few milliseconds at most, while its
    /// first use in a process costs more (about 100 ms more G1 MSM time in a <c>computeasic prove</c> of tiny_mul, the
    /// split's code being JIT-compiled); from 2^13 points on it shows no consistent gain even warm (0.79-1.11x), since
    /// the bucket additions (points times windows) stay the same and only the bucket reduction halves. Long-running
    /// callers with many small MSMs can turn it on with the constructor's <c>glvMaxPoints</c>.
    /// </summary>
    public const int DefaultGlvMaxPoints = 0;

    private readonly BucketMode mode;
    private readonly int? fixedWindow;
    private readonly int threads;
    private readonly int glvMaxPoints;

    /// <summary>
    /// An engine; <paramref name="windowBits"/> overrides the cost model (for measuring it), <paramref name="threads"/> the core count.
    /// Up to <paramref name="glvMaxPoints"/> points (0: never, <see cref="int.MaxValue"/>: always) scalars are split with the
    /// curve's endomorphism where it has one (<see cref="ICurve{F}.Glv"/>), which requires every point to lie in the prime-order
    /// subgroup, as the job formats and the zkey reader guarantee.
    /// </summary>
    public PippengerMsm(BucketMode mode = BucketMode.BatchAffine, int? windowBits = null, int? threads = null, int glvMaxPoints = DefaultGlvMaxPoints)
    {
        if (windowBits is < 2 or > 24) throw new ArgumentOutOfRangeException(nameof(windowBits), "window must be 2..24 bits");
        this.mode = mode;
        fixedWindow = windowBits;
        this.threads = System.Math.Max(1, threads ?? Environment.ProcessorCount);
        this.glvMaxPoints = glvMaxPoints;
    }

    /// <inheritdoc/>
    public string Name => mode == BucketMode.BatchAffine ? "pippenger-batch-affine" : "pippenger-xyzz";

    /// <summary>
    /// The window widths the cost model picks for n points of the given scalar bits on <paramref name="workers"/> threads: for
    /// each window count, widths that differ by at most one bit (<see cref="SignedDigits.Widths"/>), costed as the
    /// multiplications of the busiest worker (windows are shared out whole, each costing its additions plus its bucket
    /// reduction); the cheapest count wins.
    /// </summary>
    public static int[] ChooseWindows(int n, int bits, BucketMode mode, int workers = 1)
    {
        // Weights in multiplications, calibrated with `ComputeAsic.Bench inproc windows`: with its sort and memory traffic a
        // batch-affine addition costs about 10, not its 6 multiplications; a bucket's running-sum step about 32.
        double perAdd = mode == BucketMode.BatchAffine ? 10 : 12;
        int[] best = [];
        double bestCost = double.MaxValue;
        for (int windows = (bits + 1 + MaxChosenWidth - 1) / MaxChosenWidth; windows <= (bits + 1) / 2; windows++)
        {
            var widths = SignedDigits.Widths(bits, windows);
            int rounds = (windows + workers - 1) / workers;
            double cost = rounds * (perAdd * n + 32.0 * (1 << (widths[0] - 1))); // widths[0] is the widest
            if (cost < bestCost)
            {
                bestCost = cost;
                best = widths;
            }
        }
        return best;
    }

    private const int MaxChosenWidth = 20;

    /// <inheritdoc/>
    public Jacobian<F, C> Msm<F, C>(ReadOnlySpan<Affine<F, C>> points, ReadOnlySpan<ulong> scalars)
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        MsmChecks.RequireLengths(points.Length, scalars.Length);
        int n = points.Length;
        int bits = SignedDigits.MaxBits(scalars);
        if (n == 0 || bits == 0) return Jacobian<F, C>.Identity;
        if (n <= glvMaxPoints && bits > 128 && TryGlv(points, scalars, out var sum)) return sum;
        return Pippenger(points, scalars, bits);
    }

    // Kept out of Msm and never inlined: the split's UInt128 arithmetic is outside ReadyToRun's version bubble, and any
    // method that touches it is left to the JIT, which would otherwise take the whole kernel entry point with it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryGlv<F, C>(ReadOnlySpan<Affine<F, C>> points, ReadOnlySpan<ulong> scalars, out Jacobian<F, C> sum)
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        sum = default;
        if (C.Glv is not { } endo) return false;
        var (halfPoints, halfScalars) = GlvSplit(points, scalars, endo);
        sum = Pippenger(halfPoints, halfScalars, SignedDigits.MaxBits(halfScalars));
        return true;
    }

    /// <summary>
    /// The 2n-term MSM with half-size scalars that has the same sum: k·P = k1·P + k2·φ(P) with k ≡ k1 + k2·λ, the signs of
    /// k1 and k2 moved onto the points. Split on all cores.
    /// </summary>
    private unsafe (Affine<F, C>[], ulong[]) GlvSplit<F, C>(ReadOnlySpan<Affine<F, C>> points, ReadOnlySpan<ulong> scalars, GlvEndomorphism<F> endo)
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        int n = points.Length;
        var outPoints = new Affine<F, C>[2 * n];
        var outScalars = new ulong[2 * n * MsmJson.ScalarLimbs];
        fixed (ulong* scalarAddress = scalars)
        {
            var sp = new PinnedSpan<ulong>(null, (nint)scalarAddress, scalars.Length);
            Pinned.With(points, pp =>
            {
                Pinned.ForRanges(n, n < 4096 ? 1 : 4 * threads, (lo, hi) =>
                {
                    var src = pp.Span;
                    var k = sp.Span;
                    for (int i = lo; i < hi; i++)
                    {
                        var s = endo.Split(k.Slice(i * MsmJson.ScalarLimbs, MsmJson.ScalarLimbs));
                        ref readonly var pt = ref src[i];
                        var phi = endo.Apply(pt);
                        outPoints[2 * i] = s.Negative1 ? pt.Negate() : pt;
                        outPoints[2 * i + 1] = s.Negative2 ? phi.Negate() : phi;
                        var o = outScalars.AsSpan(2 * i * MsmJson.ScalarLimbs, 2 * MsmJson.ScalarLimbs);
                        o[0] = (ulong)s.K1;
                        o[1] = (ulong)(s.K1 >> 64);
                        o[4] = (ulong)s.K2;
                        o[5] = (ulong)(s.K2 >> 64);
                    }
                });
                return 0;
            });
        }
        return (outPoints, outScalars);
    }

    private unsafe Jacobian<F, C> Pippenger<F, C>(ReadOnlySpan<Affine<F, C>> points, ReadOnlySpan<ulong> scalars, int bits)
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        int n = points.Length;
        if (bits == 0) return Jacobian<F, C>.Identity;
        var m = n < 32 ? BucketMode.Xyzz : mode;
        // Each worker holds about 72 bytes of scratch per point; at most 8 keeps it a small multiple of the input on big machines.
        int parallel = n < 1024 ? 1 : System.Math.Min(threads, 8);
        var widths = fixedWindow is { } c ? Enumerable.Repeat(c, SignedDigits.WindowCount(bits, c)).ToArray() : ChooseWindows(n, bits, m, parallel);
        int windows = widths.Length;
        var offsets = new int[windows];
        for (int w = 1; w < windows; w++) offsets[w] = offsets[w - 1] + widths[w - 1];
        var sums = new Jacobian<F, C>[windows];
        int workers = System.Math.Min(parallel, windows);

        fixed (ulong* scalarAddress = scalars)
        {
            var sp = new PinnedSpan<ulong>(null, (nint)scalarAddress, scalars.Length);
            Pinned.With(points, pp =>
            {
                int next = -1;
                Pinned.ForRanges(workers, workers, (_, _) =>
                {
                    using var job = new Job<F, C>(pp, sp, widths.Max(), m, sums);
                    int w;
                    while ((w = Interlocked.Increment(ref next)) < windows) job.Window(w, offsets[w], widths[w]);
                });
                return 0;
            });
        }

        // Σ sums[w]·2^offset[w], Horner from the top window down.
        var total = sums[windows - 1];
        for (int w = windows - 2; w >= 0; w--)
        {
            for (int k = 0; k < widths[w]; k++) total = total.Double();
            total = total.Add(sums[w]);
        }
        return total;
    }

    /// <summary>One worker's view of the inputs and its private scratch; windows are independent so workers share nothing but the inputs.</summary>
    private sealed class Job<F, C> : IDisposable
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        // Additions per shared inversion: 2048 measured 1.01-1.05x faster than 1024 at 2^16 (ABBA in-process), 4096 no better.
        private const int Batch = 2048;

        /// <summary>Parallel running sums in the batch-affine bucket reduction (<see cref="LaneSum"/>); 2·Lanes fit one batch.</summary>
        private const int Lanes = 256;
        private readonly PinnedSpan<Affine<F, C>> points;
        private readonly PinnedSpan<ulong> scalars;
        private readonly BucketMode mode;
        private readonly Jacobian<F, C>[] sums;
        private readonly int[] count, start;
        private int[]? code;
        private Xyzz<F, C>[]? xyzz;
        private bool? hasIdentity;
        private AffineSlots<F>? slots;
        private BatchAdder<F>? adder;

        public Job(PinnedSpan<Affine<F, C>> points, PinnedSpan<ulong> scalars, int maxWidth, BucketMode mode, Jacobian<F, C>[] sums)
        {
            this.points = points;
            this.scalars = scalars;
            this.mode = mode;
            this.sums = sums;
            count = new int[1 << (maxWidth - 1)];
            start = new int[1 << (maxWidth - 1)];
        }

        private ReadOnlySpan<Affine<F, C>> Points => points.Span;

        private ReadOnlySpan<ulong> Scalars => scalars.Span;

        /// <summary>Frees the native scratch memory.</summary>
        public void Dispose() => slots?.Dispose();

        private static bool HasIdentity(ReadOnlySpan<Affine<F, C>> points)
        {
            foreach (ref readonly var p in points)
            {
                if (p.IsIdentity) return true;
            }
            return false;
        }

        /// <summary>Sums window w (bits offset .. offset+c-1) into sums[w].</summary>
        public void Window(int w, int offset, int c)
        {
            if (mode == BucketMode.Xyzz) XyzzWindow(w, offset, c);
            else BatchAffineWindow(w, offset, c);
        }

        private void XyzzWindow(int w, int offset, int c)
        {
            var points = Points;
            var scalars = Scalars;
            var buckets = (xyzz ??= new Xyzz<F, C>[count.Length]).AsSpan(0, 1 << (c - 1));
            buckets.Fill(Xyzz<F, C>.Identity);
            for (int i = 0; i < points.Length; i++)
            {
                int d = SignedDigits.Digit(scalars.Slice(i * MsmJson.ScalarLimbs, MsmJson.ScalarLimbs), offset, c);
                if (d > 0) buckets[d - 1] = buckets[d - 1].AddMixed(points[i]);
                else if (d < 0) buckets[-d - 1] = buckets[-d - 1].AddMixed(points[i].Negate());
            }
            var running = Xyzz<F, C>.Identity;
            var sum = Xyzz<F, C>.Identity;
            for (int b = buckets.Length - 1; b >= 0; b--)
            {
                running = running.Add(buckets[b]);
                sum = sum.Add(running);
            }
            sums[w] = sum.ToJacobian();
        }

        private void BatchAffineWindow(int w, int offset, int c)
        {
            var points = Points;
            var scalars = Scalars;
            var digits = code ??= new int[points.Length];
            var s = slots ??= new AffineSlots<F>(points.Length + 2 * Lanes);
            var sp = s.Points;
            var zero = s.Zero;
            var add = adder ??= new BatchAdder<F>(Batch);
            // The identity flag shares a cache line with the coordinates: look only when some input point is the identity.
            bool anyIdentity = hasIdentity ??= HasIdentity(points);
            int buckets = 1 << (c - 1);

            // Counting sort of the points by bucket; the sign is applied while gathering.
            Array.Clear(count, 0, buckets);
            for (int i = 0; i < points.Length; i++)
            {
                int d = anyIdentity && points[i].IsIdentity ? 0 : SignedDigits.Digit(scalars.Slice(i * MsmJson.ScalarLimbs, MsmJson.ScalarLimbs), offset, c);
                digits[i] = d;
                if (d != 0) count[(d < 0 ? -d : d) - 1]++;
            }
            int acc = 0;
            for (int b = 0; b < buckets; b++)
            {
                start[b] = acc;
                acc += count[b];
            }
            var fill = count; // reused as the write cursor, then restored
            for (int b = 0; b < buckets; b++) fill[b] = start[b];
            for (int i = 0; i < points.Length; i++)
            {
                int d = digits[i];
                if (d == 0) continue;
                int k = fill[(d < 0 ? -d : d) - 1]++;
                ref readonly var p = ref points[i];
                ref var slot = ref sp[k];
                slot.X = p.X;
                slot.Y = d < 0 ? -p.Y : p.Y;
                zero[k] = false;
            }
            for (int b = 0; b < buckets; b++) count[b] = fill[b] - start[b];

            // Pairwise rounds: bucket b holds s[start[b] .. start[b]+count[b]); each round halves every count, in place.
            bool more = true;
            while (more)
            {
                more = false;
                for (int b = 0; b < buckets; b++)
                {
                    int m = count[b];
                    if (m < 2) continue;
                    int st = start[b];
                    for (int j = 0; j < m / 2; j++) add.Queue(s, st + 2 * j, st + 2 * j + 1, st + j);
                    if ((m & 1) != 0) add.QueueCopy(s, st + m - 1, st + m / 2);
                    count[b] = (m + 1) / 2;
                    more |= count[b] > 1;
                }
                add.Flush(s);
            }

            sums[w] = buckets < 8 * Lanes ? RunningSum(s, buckets) : LaneSum(s, add, buckets, points.Length);
        }

        /// <summary>Σ (b+1)·B_b by one running sum in XYZZ form, bucket b's sum being slot start[b] when count[b] is not 0.</summary>
        private Jacobian<F, C> RunningSum(AffineSlots<F> s, int buckets)
        {
            var sp = s.Points;
            var zero = s.Zero;
            var running = Xyzz<F, C>.Identity;
            var sum = Xyzz<F, C>.Identity;
            for (int b = buckets - 1; b >= 0; b--)
            {
                if (count[b] != 0 && !zero[start[b]]) running = running.AddMixed(new Affine<F, C>(sp[start[b]].X, sp[start[b]].Y));
                sum = sum.Add(running);
            }
            return sum.ToJacobian();
        }

        /// <summary>
        /// Σ (b+1)·B_b in batch-affine form: the buckets are cut into <see cref="Lanes"/> runs of m, each lane keeping its own running
        /// sum r and weighted sum s (slots <paramref name="scratch"/> onward), so one step's 2·Lanes additions share an inversion.
        /// A lane ℓ then holds r_ℓ = Σ B_b and s_ℓ = Σ (b+1-ℓm)·B_b over its run, and the total is Σ s_ℓ + m·Σ ℓ·r_ℓ.
        /// </summary>
        private Jacobian<F, C> LaneSum(AffineSlots<F> s, BatchAdder<F> add, int buckets, int scratch)
        {
            int m = (buckets + Lanes - 1) / Lanes;
            var zero = s.Zero;
            for (int i = scratch; i < scratch + 2 * Lanes; i++) zero[i] = true;
            for (int k = m - 1; k >= 0; k--)
            {
                for (int l = 0; l < Lanes; l++)
                {
                    int b = l * m + k, r = scratch + 2 * l;
                    if (b >= buckets) continue;
                    // s += r (the running sum before this bucket), queued first: r's new value may overwrite an earlier input only.
                    if (k < m - 1) add.Queue(s, r + 1, r, r + 1);
                    if (count[b] != 0) add.Queue(s, r, start[b], r);
                }
                add.Flush(s);
            }
            for (int l = 0; l < Lanes; l++) add.Queue(s, scratch + 2 * l + 1, scratch + 2 * l, scratch + 2 * l + 1);
            add.Flush(s);

            var sp = s.Points;
            var weighted = Xyzz<F, C>.Identity;
            var running = Xyzz<F, C>.Identity;
            var lanes = Xyzz<F, C>.Identity;
            for (int l = Lanes - 1; l >= 0; l--)
            {
                int r = scratch + 2 * l;
                if (!zero[r + 1]) weighted = weighted.AddMixed(new Affine<F, C>(sp[r + 1].X, sp[r + 1].Y));
                if (l == 0) break;
                if (!zero[r]) running = running.AddMixed(new Affine<F, C>(sp[r].X, sp[r].Y));
                lanes = lanes.Add(running);
            }
            return weighted.ToJacobian().Add(lanes.ToJacobian().Multiply(new System.Numerics.BigInteger(m)));
        }
    }
}
