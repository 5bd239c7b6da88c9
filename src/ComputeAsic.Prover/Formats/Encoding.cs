using System.Buffers.Binary;
using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Prover.Formats;

/// <summary>snarkjs's binary encodings of BN254 values (FORMATS.md): scalars normal-form 32-byte LE, points Montgomery 32-byte LE per coordinate, all-zero = infinity.</summary>
public static class SnarkjsEncoding
{
    /// <summary>Bytes of one field element.</summary>
    public const int N8 = 32;

    /// <summary>Bytes of a G1 point (x‖y).</summary>
    public const int G1Bytes = 2 * N8;

    /// <summary>Bytes of a G2 point (x.c0‖x.c1‖y.c0‖y.c1).</summary>
    public const int G2Bytes = 4 * N8;

    /// <summary>Reads four LE limbs.</summary>
    public static void Limbs(ReadOnlySpan<byte> b, Span<ulong> limbs)
    {
        for (int i = 0; i < 4; i++) limbs[i] = BinaryPrimitives.ReadUInt64LittleEndian(b[(8 * i)..]);
    }

    /// <summary>A normal-form scalar (wtns, r1cs); false when not below r.</summary>
    public static bool TryReadFr(ReadOnlySpan<byte> b, out Bn254Fr value)
    {
        Span<ulong> l = stackalloc ulong[4];
        Limbs(b, l);
        return Bn254Fr.TryFromCanonicalLimbs(l, out value);
    }

    /// <summary>A Montgomery-form base-field coordinate (zkey); false when not below q.</summary>
    public static bool TryReadFqMontgomery(ReadOnlySpan<byte> b, out Bn254Fq value)
    {
        Span<ulong> l = stackalloc ulong[4];
        Limbs(b, l);
        return Bn254Fq.TryFromMontgomeryLimbs(l, out value);
    }

    /// <summary>A G1 point from 64 bytes; null when it is valid, else what is wrong with it.</summary>
    public static string? TryReadG1(ReadOnlySpan<byte> b, out Bn254G1Affine point)
    {
        point = Bn254G1Affine.Identity;
        if (!TryReadFqMontgomery(b[..N8], out var x) || !TryReadFqMontgomery(b[N8..G1Bytes], out var y)) return "coordinate not below q";
        if (x.IsZero && y.IsZero) return null;
        point = new Bn254G1Affine(x, y);
        return point.IsOnCurve ? null : "not on the curve";
    }

    /// <summary>A G2 point from 128 bytes; null when it is on the twist (subgroup membership is checked by callers that need it).</summary>
    public static string? TryReadG2(ReadOnlySpan<byte> b, out Bn254G2Affine point)
    {
        point = Bn254G2Affine.Identity;
        if (!TryReadFqMontgomery(b[..N8], out var x0) || !TryReadFqMontgomery(b[N8..(2 * N8)], out var x1)
            || !TryReadFqMontgomery(b[(2 * N8)..(3 * N8)], out var y0) || !TryReadFqMontgomery(b[(3 * N8)..G2Bytes], out var y1))
            return "coordinate not below q";
        var x = new Bn254Fq2(x0, x1);
        var y = new Bn254Fq2(y0, y1);
        if (x.IsZero && y.IsZero) return null;
        point = new Bn254G2Affine(x, y);
        return point.IsOnCurve ? null : "not on the curve";
    }

    /// <summary>Reads <c>u32 n8 · prime</c> and requires them to be 32 and the given BN254 prime.</summary>
    public static void RequirePrime(SectionReader s, BigInteger prime, string what)
    {
        uint n8 = s.U32();
        if (n8 != N8) throw s.Error($"{what} element size is {n8} bytes, expected {N8} (only BN254 is supported)");
        var p = new BigInteger(s.Take(N8), isUnsigned: true, isBigEndian: false);
        if (p != prime) throw s.Error($"{what} prime is {p}, expected the BN254 prime {prime}");
    }
}
