using System.Numerics;
using ComputeAsic.Math.Fields;
using ComputeAsic.Prover.Groth16;

namespace ComputeAsic.Prover.Formats;

/// <summary>One non-zero entry of the QAP's A or B matrix: coefficient <see cref="Value"/> of wire <see cref="Signal"/> in constraint row <see cref="Row"/>.</summary>
public readonly record struct QapEntry(int Row, int Signal, Bn254Fr Value);

/// <summary>A snarkjs Groth16 proving key (.zkey v1, BN254), validated: everything the prover reads, nothing it must re-check.</summary>
public sealed class Groth16Zkey
{
    /// <summary>Wires, including the constant 1.</summary>
    public required int NVars { get; init; }

    /// <summary>Public signals (outputs + public inputs), not counting the constant 1.</summary>
    public required int NPublic { get; init; }

    /// <summary>n, the power-of-two evaluation domain of the QAP.</summary>
    public required int DomainSize { get; init; }

    /// <summary>log2 n.</summary>
    public int DomainLog => BitOperations.Log2((uint)DomainSize);

    /// <summary>α·G1.</summary>
    public required Bn254G1Affine Alpha1 { get; init; }

    /// <summary>β·G1.</summary>
    public required Bn254G1Affine Beta1 { get; init; }

    /// <summary>δ·G1.</summary>
    public required Bn254G1Affine Delta1 { get; init; }

    /// <summary>β·G2.</summary>
    public required Bn254G2Affine Beta2 { get; init; }

    /// <summary>γ·G2.</summary>
    public required Bn254G2Affine Gamma2 { get; init; }

    /// <summary>δ·G2.</summary>
    public required Bn254G2Affine Delta2 { get; init; }

    /// <summary>Section 3: the public-input bases of the verification key.</summary>
    public required Bn254G1Affine[] IC { get; init; }

    /// <summary>Section 4, matrix A entries in file order.</summary>
    public required QapEntry[] ACoefs { get; init; }

    /// <summary>Section 4, matrix B entries in file order.</summary>
    public required QapEntry[] BCoefs { get; init; }

    /// <summary>Section 5: A_i(τ) per wire.</summary>
    public required Bn254G1Affine[] A { get; init; }

    /// <summary>Section 6: B_i(τ) in G1 per wire.</summary>
    public required Bn254G1Affine[] B1 { get; init; }

    /// <summary>Section 7: B_i(τ) in G2 per wire.</summary>
    public required Bn254G2Affine[] B2 { get; init; }

    /// <summary>Section 8: the private wires' bases (wires nPublic+1 .. nVars−1).</summary>
    public required Bn254G1Affine[] C { get; init; }

    /// <summary>Section 9: the H bases (odd Lagrange bases of the 2n domain, over δ).</summary>
    public required Bn254G1Affine[] H { get; init; }

    /// <summary>The verification key this proving key implies (what snarkjs exports).</summary>
    public VerificationKey VerificationKey => new(NPublic, Alpha1, Beta2, Gamma2, Delta2, IC);

    /// <summary>Largest domain accepted: snarkjs switches to a different coset shift at 2^28.</summary>
    public const int MaxDomainLog = 27;

    /// <summary>
    /// Reads and validates a Groth16 .zkey: header, counts, section sizes, field primes, coefficient ranges, every point on
    /// its curve, and the header's G2 points in G2. The per-wire B2 points are tested for G2 membership too unless
    /// <paramref name="checkB2Subgroup"/> is false (about 0.2 ms a point on one core): the prover passes false when its
    /// pairing self-check guards the proof instead.
    /// </summary>
    public static Groth16Zkey Read(string name, byte[] bytes, bool checkB2Subgroup = true)
    {
        var file = BinFile.Parse(name, bytes, "zkey", 1);
        var p = file.Section(1, "protocol");
        p.RequireSize(4, "one u32");
        uint protocol = p.U32();
        if (protocol != 1)
        {
            string kind = protocol switch { 2 => "plonk", 10 => "fflonk", _ => $"unknown ({protocol})" };
            throw p.Error($"protocol is {kind}; only groth16 (1) is supported");
        }

        var h = file.Section(2, "header");
        h.RequireSize(4 + 32 + 4 + 32 + 4 + 4 + 4 + 3 * SnarkjsEncoding.G1Bytes + 3 * SnarkjsEncoding.G2Bytes, "the Groth16 header layout");
        SnarkjsEncoding.RequirePrime(h, Bn254FqParams.Modulus, "base field");
        SnarkjsEncoding.RequirePrime(h, Bn254FrParams.Modulus, "scalar field");
        int nVars = h.Count("nVars", 1, 1 << 28);
        int nPublic = h.Count("nPublic", 0, nVars - 1);
        int domain = h.Count("domainSize", 1, 1 << MaxDomainLog);
        if ((domain & (domain - 1)) != 0) throw h.Error($"domainSize {domain} is not a power of two");
        var alpha1 = G1(h, "alpha1");
        var beta1 = G1(h, "beta1");
        var beta2 = G2(h, "beta2");
        var gamma2 = G2(h, "gamma2");
        var delta1 = G1(h, "delta1");
        var delta2 = G2(h, "delta2");

        // The big sections are independent: validate them on all cores, then report the first problem in section order.
        var ic = G1Array(file.Section(3, "IC"), nPublic + 1, "nPublic+1");
        var (aCoefs, bCoefs) = Coefficients(file.Section(4, "coefficients"), nVars, domain);
        Bn254G1Affine[] a = [], b1 = [], c = [], hs = [];
        Bn254G2Affine[] b2 = [];
        var errors = new Exception?[5];
        Action Guard(int k, Action read) => () =>
        {
            try
            {
                read();
            }
            catch (Exception e)
            {
                errors[k] = e;
            }
        };
        Parallel.Invoke(
            Guard(2, () => b2 = G2Array(file.Section(7, "B2"), nVars, "nVars", checkB2Subgroup)),
            Guard(0, () => a = G1Array(file.Section(5, "A"), nVars, "nVars")),
            Guard(1, () => b1 = G1Array(file.Section(6, "B1"), nVars, "nVars")),
            Guard(3, () => c = G1Array(file.Section(8, "C"), nVars - nPublic - 1, "nVars−nPublic−1")),
            Guard(4, () => hs = G1Array(file.Section(9, "H"), domain, "domainSize")));
        foreach (var e in errors)
        {
            if (e != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        }
        return new Groth16Zkey
        {
            NVars = nVars,
            NPublic = nPublic,
            DomainSize = domain,
            Alpha1 = alpha1,
            Beta1 = beta1,
            Beta2 = beta2,
            Gamma2 = gamma2,
            Delta1 = delta1,
            Delta2 = delta2,
            IC = ic,
            ACoefs = aCoefs,
            BCoefs = bCoefs,
            A = a,
            B1 = b1,
            B2 = b2,
            C = c,
            H = hs,
        };
    }

    private static Bn254G1Affine G1(SectionReader s, string what)
    {
        var problem = SnarkjsEncoding.TryReadG1(s.Take(SnarkjsEncoding.G1Bytes), out var p);
        if (problem != null) throw s.Error($"{what}: {problem}");
        return p;
    }

    private static Bn254G2Affine G2(SectionReader s, string what)
    {
        var problem = SnarkjsEncoding.TryReadG2(s.Take(SnarkjsEncoding.G2Bytes), out var p);
        if (problem != null) throw s.Error($"{what}: {problem}");
        if (!p.IsInSubgroup) throw s.Error($"{what}: not in the order-r subgroup G2");
        return p;
    }

    private delegate string? PointReader<T>(ReadOnlySpan<byte> bytes, out T point);

    private static Bn254G1Affine[] G1Array(SectionReader s, int count, string because)
        => Points<Bn254G1Affine>(s, count, SnarkjsEncoding.G1Bytes, because, SnarkjsEncoding.TryReadG1);

    /// <summary>G2 points on the twist and in G2 (the twist has other points); the membership tests run on all cores.</summary>
    private static Bn254G2Affine[] G2Array(SectionReader s, int count, string because, bool subgroup)
    {
        var points = Points<Bn254G2Affine>(s, count, SnarkjsEncoding.G2Bytes, because, SnarkjsEncoding.TryReadG2);
        if (!subgroup) return points;
        int first = int.MaxValue;
        Parallel.For(0, points.Length, (i, loop) =>
        {
            if (i > Volatile.Read(ref first) || points[i].IsInSubgroup) return;
            int seen;
            do seen = Volatile.Read(ref first);
            while (i < seen && Interlocked.CompareExchange(ref first, i, seen) != seen);
        });
        if (first != int.MaxValue) throw s.Error($"point {first}: not in the order-r subgroup G2");
        return points;
    }

    private static T[] Points<T>(SectionReader s, int count, int size, string because, PointReader<T> read)
    {
        s.RequireSize((long)count * size, $"{because} = {count} points of {size} bytes");
        var result = new T[count];
        var span = s.Bytes.Span;
        for (int i = 0; i < count; i++)
        {
            var problem = read(span.Slice(i * size, size), out result[i]);
            if (problem != null) throw s.Error($"point {i}: {problem}");
        }
        return result;
    }

    private const int CoefBytes = 4 + 4 + 4 + SnarkjsEncoding.N8;

    private static (QapEntry[] A, QapEntry[] B) Coefficients(SectionReader s, int nVars, int domain)
    {
        int n = s.Count("nCoef", 0, (s.Remaining) / CoefBytes);
        s.RequireSize(4 + (long)n * CoefBytes, $"4 + nCoef = {n} entries of {CoefBytes} bytes");
        var a = new List<QapEntry>(n);
        var b = new List<QapEntry>(n);
        Span<ulong> raw = stackalloc ulong[4];
        for (int i = 0; i < n; i++)
        {
            uint matrix = s.U32(), row = s.U32(), signal = s.U32();
            SnarkjsEncoding.Limbs(s.Take(SnarkjsEncoding.N8), raw);
            if (matrix > 1) throw s.Error($"entry {i}: matrix {matrix} is not 0 (A) or 1 (B)");
            if (row >= domain) throw s.Error($"entry {i}: row {row} is outside the domain of {domain}");
            if (signal >= nVars) throw s.Error($"entry {i}: signal {signal} is not below nVars = {nVars}");
            // The file holds c·R² mod r; as raw Montgomery limbs that is the element c·R, and one reduction gives c.
            if (!Bn254Fr.TryFromMontgomeryLimbs(raw, out var cr)) throw s.Error($"entry {i}: value is not below r");
            var c = cr.ToCanonical();
            (matrix == 0 ? a : b).Add(new QapEntry((int)row, (int)signal, c));
        }
        return (a.ToArray(), b.ToArray());
    }
}
