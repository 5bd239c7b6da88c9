using System.Buffers.Binary;
using System.Numerics;
using ComputeAsic.Math.Fields;
using ComputeAsic.Prover.Formats;

namespace ComputeAsic.Prover.Tests;

/// <summary>A proving key whose per-wire B2 point lies on the twist but outside G2 (hidden by a component of order 10069) is refused before any proof is written.</summary>
public sealed class ZkeySubgroupTests : IDisposable
{
    private readonly Cases.TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    /// <summary>The twist point of order 10069 (the cofactor's small prime): r·(h/10069)·Q for the first twist point Q with x = 1 + u·k.</summary>
    private static Bn254G2Affine SmallOrderPoint()
    {
        var h = Math.Curves.Bn254G2.Cofactor;
        var r = Bn254FrParams.Modulus;
        for (long x = 1; ; x++)
        {
            var fx = new Bn254Fq2(Bn254Fq.FromInt(x), Bn254Fq.One);
            if (!(fx.Square() * fx + Math.Curves.Bn254G2.B).TrySqrt(out var y)) continue;
            var t = new Bn254G2Affine(fx, y).Multiply(r * (h / 10069)).ToAffine();
            if (!t.IsIdentity) return t;
        }
    }

    private static void WriteMontgomery(Span<byte> to, Bn254Fq value)
    {
        var q = Bn254FqParams.Modulus;
        var m = (value.ToBigInteger() << 256) % q;
        m.TryWriteBytes(to[..32], out _, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>The tiny_mul key with B2[k] replaced by B2[k] + T, k a wire with a nonzero witness value; returns its path and k.</summary>
    private (string Path, int Wire) TamperedKey()
    {
        string zkeyPath = Cases.File("tiny_mul", "circuit_final.zkey");
        byte[] bytes = File.ReadAllBytes(zkeyPath);
        var zkey = Groth16Zkey.Read("zkey", bytes);
        var witness = Witness.Read("wtns", File.ReadAllBytes(Cases.File("tiny_mul", "witness.wtns")));
        int k = Enumerable.Range(0, zkey.B2.Length).First(i => !zkey.B2[i].IsIdentity && !witness[i].IsZero && i > 0);
        var bad = (zkey.B2[k].ToJacobian() + SmallOrderPoint().ToJacobian()).ToAffine();
        // Section 7 (B2) by the binary layout: magic, version, count, then (u32 id, u64 size, data) per section.
        int pos = 12;
        while (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pos)) != 7) pos += 12 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(pos + 4));
        var point = bytes.AsSpan(pos + 12 + k * SnarkjsEncoding.G2Bytes, SnarkjsEncoding.G2Bytes);
        WriteMontgomery(point[..32], bad.X.C0);
        WriteMontgomery(point[32..64], bad.X.C1);
        WriteMontgomery(point[64..96], bad.Y.C0);
        WriteMontgomery(point[96..], bad.Y.C1);
        string path = tmp["tampered.zkey"];
        File.WriteAllBytes(path, bytes);
        return (path, k);
    }

    [Fact]
    public void TheReaderNamesTheB2PointOutsideG2()
    {
        var (path, k) = TamperedKey();
        var e = Assert.Throws<Math.InvalidInputException>(() => Groth16Zkey.Read(path, File.ReadAllBytes(path)));
        Assert.Contains("section 7", e.Message);
        Assert.Contains($"point {k}: not in the order-r subgroup G2", e.Message);
        var (code, _, err) = Cases.Cli("zkey", "info", path);
        Assert.Equal(2, code);
        Assert.Contains($"point {k}: not in the order-r subgroup G2", err);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ProveWritesNoProofFromSuchAKey(bool noSelfCheck)
    {
        var (path, _) = TamperedKey();
        string[] args = ["prove", "--zkey", path, "--wtns", Cases.File("tiny_mul", "witness.wtns"), "--proof", tmp["p.json"], "--public", tmp["q.json"]];
        var (code, _, err) = Cases.Cli(noSelfCheck ? [.. args, "--no-self-check"] : args);
        Assert.Equal(2, code);
        Assert.Contains(noSelfCheck ? "not in the order-r subgroup G2" : "does not verify", err);
        Assert.False(File.Exists(tmp["p.json"]));
        Assert.False(File.Exists(tmp["q.json"]));
    }
}
