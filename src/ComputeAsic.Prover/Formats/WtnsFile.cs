using ComputeAsic.Math.Fields;

namespace ComputeAsic.Prover.Formats;

/// <summary>A circom witness (.wtns v2): the values of every wire, w[0] = 1, then outputs, public inputs and private signals.</summary>
public sealed class Witness
{
    /// <summary>Canonical (normal-form) limbs, 4 per wire: the MSM scalar layout, taken straight from the file.</summary>
    public required ulong[] Limbs { get; init; }

    /// <summary>Number of wires.</summary>
    public int Count => Limbs.Length / 4;

    /// <summary>Wire i as a field element.</summary>
    public Bn254Fr this[int i] => Bn254Fr.FromCanonical(Limbs[4 * i], Limbs[4 * i + 1], Limbs[4 * i + 2], Limbs[4 * i + 3]);

    /// <summary>Reads and validates a .wtns file: version 2, BN254 r, sizes, and every value below r.</summary>
    public static Witness Read(string name, byte[] bytes)
    {
        var file = BinFile.Parse(name, bytes, "wtns", 2);
        var h = file.Section(1, "header");
        SnarkjsEncoding.RequirePrime(h, Bn254FrParams.Modulus, "scalar field");
        int n = h.Count("nWitness", 1, int.MaxValue / 32);
        h.RequireEnd();
        var s = file.Section(2, "witness values");
        s.RequireSize((long)n * SnarkjsEncoding.N8, $"{n} values of {SnarkjsEncoding.N8} bytes");
        var limbs = new ulong[4 * n];
        var span = s.Bytes.Span;
        for (int i = 0; i < n; i++)
        {
            var dst = limbs.AsSpan(4 * i, 4);
            SnarkjsEncoding.Limbs(span.Slice(i * SnarkjsEncoding.N8, SnarkjsEncoding.N8), dst);
            if (!Bn254Fr.TryFromCanonicalLimbs(dst, out _)) throw s.Error($"w[{i}] is not below the field prime r");
        }
        if (!(limbs[0] == 1 && limbs[1] == 0 && limbs[2] == 0 && limbs[3] == 0)) throw s.Error("w[0] must be 1 (the constant wire)");
        return new Witness { Limbs = limbs };
    }
}
