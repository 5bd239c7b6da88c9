using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;

namespace ComputeAsic.Hardware.Ntt;

/// <summary>
/// What one NTT engine computes and how wide it is: the field, N = 2^LogN, k butterfly lanes, forward or inverse, and an
/// optional coset shift. It also holds the engine's address arithmetic in plain C# (row layout, bank mapping, twiddle
/// and scale tables, stage gaps), so the module, the tests and the bench share one source of truth.
/// </summary>
/// <remarks>
/// Layout: element i lives in row i / k, lane i mod k. Row R (LogN − log2 k bits) is in bank parity(R) at address R / 2,
/// its lane j in column (j + skew(R)) mod k, skew(R) = the top log2 k bits of R. The two rows a butterfly step pairs differ
/// in one bit (opposite banks), a load beat's k rows differ in their top bits (distinct columns), and a drain beat is one
/// row: every cycle touches each of the 2k memories at most once for reading and once for writing.
/// </remarks>
public sealed record NttConfig
{
    /// <summary>An engine for <paramref name="field"/> of size 2^<paramref name="logN"/> with <paramref name="lanes"/> butterflies; throws <see cref="ArgumentException"/> naming the bad parameter.</summary>
    public NttConfig(FieldSpec field, int logN, int lanes, bool inverse = false, BigInteger? shift = null, ArithmeticOptions? options = null, int buffers = 2)
    {
        if (buffers is < 1 or > 3) throw new ArgumentException($"buffers={buffers}: 1, 2 or 3 transform buffers");
        if (logN < MinLogN || logN > field.TwoAdicity)
            throw new ArgumentException($"logn={logN}: {field.Id} NTT sizes are 2^{MinLogN} to 2^{field.TwoAdicity} (its two-adicity)");
        if (lanes < 1 || (lanes & (lanes - 1)) != 0) throw new ArgumentException($"lanes={lanes}: the number of butterfly lanes must be a power of two");
        if (lanes > (1 << logN) / 2) throw new ArgumentException($"lanes={lanes}: more butterfly lanes than N/2 = {(1 << logN) / 2}");
        if ((long)lanes * lanes > 1L << logN)
            throw new ArgumentException($"lanes={lanes}: lanes^2 must not exceed N = {1 << logN} (the bit-reversed load spreads a beat over lanes rows of lanes elements)");
        if (shift is { } sh && (sh.Sign <= 0 || sh >= field.Modulus)) throw new ArgumentException("coset shift must be in [1, p)");
        Field = field;
        LogN = logN;
        Lanes = lanes;
        Inverse = inverse;
        Shift = shift;
        Options = options ?? ArithmeticOptions.Default;
        Buffers = buffers;
    }

    /// <summary>Transform buffers of N elements each: 1 runs load, compute and drain one after the other; 2 overlaps the next load and the last drain with the compute.</summary>
    public int Buffers { get; }

    /// <summary>Smallest supported size, 2^4.</summary>
    public const int MinLogN = 4;

    /// <summary>The field.</summary>
    public FieldSpec Field { get; }

    /// <summary>log2 N.</summary>
    public int LogN { get; }

    /// <summary>Butterfly lanes k (elements per stream beat).</summary>
    public int Lanes { get; }

    /// <summary>Whether the engine computes the inverse transform (with the 1/N factor).</summary>
    public bool Inverse { get; }

    /// <summary>Coset shift: the forward transform evaluates on shift·⟨ω⟩ (input scaled by shift^i), the inverse interpolates from it (output scaled by shift^−i); null for none.</summary>
    public BigInteger? Shift { get; }

    /// <summary>Multiplier options of the butterflies and scalers.</summary>
    public ArithmeticOptions Options { get; }

    /// <summary>N.</summary>
    public int N => 1 << LogN;

    /// <summary>log2 k.</summary>
    public int LogLanes => System.Numerics.BitOperations.Log2((uint)Lanes);

    /// <summary>Bits of a row index (rows hold k elements).</summary>
    public int RowBits => LogN - LogLanes;

    /// <summary>Rows N / k: stream beats per transform.</summary>
    public int Rows => 1 << RowBits;

    /// <summary>Butterfly steps per stage, N / (2k): the bound of one stage in cycles.</summary>
    public int StepsPerStage => Rows / 2;

    /// <summary>The ideal compute cycles N·log2(N) / (2k).</summary>
    public long Bound => (long)StepsPerStage * LogN;

    /// <summary>Whether stream elements are multiplied on the way in (forward with a coset) or out (inverse).</summary>
    public bool ScalesInput => !Inverse && Shift != null;

    /// <summary>Whether the output is scaled (inverse: 1/N, times shift^−i with a coset).</summary>
    public bool ScalesOutput => Inverse;

    /// <summary>Design name fragment, e.g. <c>ntt_engine_goldilocks_n12_k4_inv</c>.</summary>
    public string Name => $"ntt_engine_{Field.Id}_n{LogN}_k{Lanes}{(Inverse ? "_inv" : "")}{(Shift != null ? "_coset" : "")}{(Buffers != 2 ? $"_b{Buffers}" : "")}";

    private BigInteger P => Field.Modulus;

    /// <summary>b^e mod p.</summary>
    public BigInteger Pow(BigInteger b, BigInteger e) => BigInteger.ModPow(b, e, P);

    /// <summary>ω = g^((p−1)/N), inverted for the inverse transform: the root the butterflies use.</summary>
    public BigInteger Omega
    {
        get
        {
            var w = Pow(Field.Generator, (P - 1) / N);
            return Inverse ? Pow(w, P - 2) : w;
        }
    }

    /// <summary>The low <paramref name="bits"/> bits of <paramref name="x"/> in reverse order.</summary>
    public static int Reverse(int x, int bits)
    {
        int r = 0;
        for (int i = 0; i < bits; i++) r |= ((x >> i) & 1) << (bits - 1 - i);
        return r;
    }

    /// <summary>Bank of a row: the parity of its bits.</summary>
    public static int Bank(int row) => System.Numerics.BitOperations.PopCount((uint)row) & 1;

    /// <summary>Column offset of a row's lane 0: its top log2 k bits.</summary>
    public int Skew(int row) => row >> (RowBits - LogLanes);

    /// <summary>Row distance exponent of stage <paramref name="s"/>: stages below log2 k pair rows 2t and 2t + 1 (butterflies inside each row).</summary>
    public int RowBit(int s) => System.Math.Max(0, s - LogLanes);

    /// <summary>The two rows butterfly step <paramref name="t"/> of stage <paramref name="s"/> reads and writes (they differ in one bit).</summary>
    public (int A, int B) RowsOf(int s, int t)
    {
        int b = RowBit(s);
        int a = ((t >> b) << (b + 1)) | (t & ((1 << b) - 1));
        return (a, a | (1 << b));
    }

    /// <summary>
    /// Butterfly lane <paramref name="j"/>'s operands in stage <paramref name="s"/> as indices into row A's lanes followed by
    /// row B's (0..2k−1), and its twiddle exponent for step <paramref name="t"/>.
    /// </summary>
    public (int X0, int X1, long Exponent) Lane(int s, int t, int j)
    {
        int k = Lanes, h = 1 << s;
        if (s >= LogLanes)
        {
            int d = h / k;
            return (j, k + j, ((long)(t % d) * k + j) * (N / (2 * h)));
        }
        int half = k / 2, u = j % half, row = j < half ? 0 : k;
        int p0 = ((u >> s) << (s + 1)) | (u & (h - 1));
        return (row + p0, row + p0 + h, (long)(u & (h - 1)) * (N / (2 * h)));
    }

    /// <summary>Depth of each lane's twiddle ROM: stage s ≥ log2 k uses words [2^(s−log2 k) − 1, 2^(s−log2 k+1) − 1), N/k − 1 in all; the in-row stages use constants.</summary>
    public int TwiddleDepth => Rows;

    /// <summary>Twiddle ROM word of stage <paramref name="s"/> ≥ log2 k, step <paramref name="t"/>.</summary>
    public int TwiddleAddress(int s, int t) => (1 << (s - LogLanes)) - 1 + (t & ((1 << (s - LogLanes)) - 1));

    /// <summary>The contents of lane <paramref name="j"/>'s twiddle ROM (ω^exponent at each address of <see cref="TwiddleAddress"/>).</summary>
    public BigInteger[] TwiddleRom(int j)
    {
        var rom = new BigInteger[TwiddleDepth];
        var w = Omega;
        for (int s = LogLanes; s < LogN; s++)
            for (int t = 0; t < 1 << (s - LogLanes); t++) rom[TwiddleAddress(s, t)] = Pow(w, Lane(s, t, j).Exponent);
        return rom;
    }

    /// <summary>Lane <paramref name="j"/>'s twiddle in in-row stage <paramref name="s"/> &lt; log2 k (the same for every step).</summary>
    public BigInteger InRowTwiddle(int s, int j) => Pow(Omega, Lane(s, 0, j).Exponent);

    /// <summary>The factor element <paramref name="i"/> is multiplied by: shift^i on the way in (forward coset), (1/N)·shift^−i on the way out (inverse).</summary>
    public BigInteger Scale(int i)
    {
        if (Inverse)
        {
            var nInv = Pow(N, P - 2);
            return Shift is { } s ? nInv * Pow(Pow(s, P - 2), i) % P : nInv;
        }
        return Shift is { } sh ? Pow(sh, i) : BigInteger.One;
    }

    /// <summary>Lane <paramref name="j"/>'s scale ROM: the factor of element r·k + j at word r.</summary>
    public BigInteger[] ScaleRom(int j) => Enumerable.Range(0, Rows).Select(r => Scale(r * Lanes + j)).ToArray();

    /// <summary>
    /// Idle cycles between the last step of stage s and the first of stage s + 1 (index s) so that no row is read before
    /// the previous stage's write of it, when a step's writes land <paramref name="writeLatency"/> cycles after its reads
    /// (a write and a read of one word in the same cycle return the old word). Steps run in increasing order in every stage.
    /// </summary>
    public int[] Gaps(int writeLatency)
    {
        var gaps = new int[System.Math.Max(0, LogN - 1)];
        var stepOf = new int[Rows];
        for (int s = 0; s + 1 < LogN; s++)
        {
            for (int t = 0; t < StepsPerStage; t++)
            {
                var (a, b) = RowsOf(s, t);
                stepOf[a] = stepOf[b] = t;
            }
            int worst = int.MinValue;
            for (int t = 0; t < StepsPerStage; t++)
            {
                var (a, b) = RowsOf(s + 1, t);
                worst = System.Math.Max(worst, System.Math.Max(stepOf[a], stepOf[b]) - t);
            }
            // written at S + step + W, read at S + C + G + t: need step + W < C + G + t.
            gaps[s] = System.Math.Max(0, worst + writeLatency - StepsPerStage + 1);
        }
        return gaps;
    }
}
