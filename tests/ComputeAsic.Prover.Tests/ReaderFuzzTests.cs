using ComputeAsic.Prover.Formats;
using ComputeAsic.Prover.Groth16;

namespace ComputeAsic.Prover.Tests;

/// <summary>
/// Truncated, resized and bit-flipped .zkey and .wtns files, seeded and bounded: each run of <c>prove</c> must end within a time
/// limit with either exit 2 and one line naming the file, or exit 0 and a proof that verifies (a flip in bytes the prover
/// never reads, such as the MPC transcript, is harmless). Never a crash (exit 1), a hang or a wrong proof.
/// </summary>
public sealed class ReaderFuzzTests
{
    public enum Mutation { Truncate, Resize, FlipBit }

    private const int NormalCases = 40;

    [Theory]
    [InlineData("zkey", Mutation.Truncate)]
    [InlineData("zkey", Mutation.Resize)]
    [InlineData("zkey", Mutation.FlipBit)]
    [InlineData("wtns", Mutation.Truncate)]
    [InlineData("wtns", Mutation.Resize)]
    [InlineData("wtns", Mutation.FlipBit)]
    public void MutatedTinyFilesFailCleanly(string which, Mutation mutation) => Fuzz("tiny_mul", which, mutation, NormalCases, seed: 1);

    [Theory]
    [Trait("Category", "Long")]
    [InlineData("tiny_mul", "zkey", Mutation.FlipBit, 2000)]
    [InlineData("tiny_mul", "zkey", Mutation.Resize, 1000)]
    [InlineData("tiny_mul", "zkey", Mutation.Truncate, 1000)]
    [InlineData("tiny_mul", "wtns", Mutation.FlipBit, 1000)]
    [InlineData("medium_poseidon_o1", "zkey", Mutation.FlipBit, 30)]
    [InlineData("medium_poseidon_o1", "wtns", Mutation.FlipBit, 30)]
    [InlineData("medium_poseidon_o1", "zkey", Mutation.Truncate, 20)]
    public void MutatedFilesFailCleanlyLong(string name, string which, Mutation mutation, int cases) => Fuzz(name, which, mutation, cases, seed: 7);

    [Fact]
    public void HeaderFieldsAreCheckedByName()
    {
        var zkey = File.ReadAllBytes(Cases.File("tiny_mul", "circuit_final.zkey"));
        var wtns = File.ReadAllBytes(Cases.File("tiny_mul", "witness.wtns"));
        Expect(() => Groth16Zkey.Read("k.zkey", [.. "zkex"u8, .. zkey[4..]]), "k.zkey: not a .zkey file");
        Expect(() => Groth16Zkey.Read("k.zkey", zkey[..100]), "k.zkey: section");
        Expect(() => Groth16Zkey.Read("k.zkey", [.. zkey, 0]), "k.zkey: 1 unexpected bytes");
        Expect(() => Witness.Read("w.wtns", zkey), "w.wtns: not a .wtns file");
        Expect(() => Witness.Read("w.wtns", wtns[..^1]), "w.wtns: section 2");
        var v2 = (byte[])zkey.Clone();
        v2[4] = 2;
        Expect(() => Groth16Zkey.Read("k.zkey", v2), "k.zkey: zkey version 2 is not supported");
        // Protocol section (id 1, the first in a contributed zkey): plonk.
        var plonk = (byte[])zkey.Clone();
        Assert.Equal(1u, BitConverter.ToUInt32(plonk, 12));
        plonk[24] = 2;
        Expect(() => Groth16Zkey.Read("k.zkey", plonk), "k.zkey: section 1 (protocol): protocol is plonk");
        // The medium witness does not belong to the tiny key.
        using var tmp = new Cases.TempDir();
        var (code, _, err) = Cases.Cli("prove", "--zkey", Cases.File("tiny_mul", "circuit_final.zkey"), "--wtns", Cases.File("medium_poseidon", "witness.wtns"), "--proof", tmp["p"], "--public", tmp["q"]);
        Assert.Equal(2, code);
        Assert.Contains("nVars", err);
        Assert.False(File.Exists(tmp["p"]));
    }

    private static void Expect(Action read, string prefix)
    {
        var e = Assert.Throws<Math.InvalidInputException>(read);
        Assert.StartsWith(prefix, e.Message);
    }

    private static void Fuzz(string name, string which, Mutation mutation, int cases, int seed)
    {
        string zkeyPath = Cases.File(name, "circuit_final.zkey"), wtnsPath = Cases.File(name, "witness.wtns");
        byte[] original = File.ReadAllBytes(which == "zkey" ? zkeyPath : wtnsPath);
        var vk = Groth16Zkey.Read("zkey", File.ReadAllBytes(zkeyPath)).VerificationKey;
        var rng = new Random(HashCode.Combine(seed, (int)mutation, which.Length));
        using var tmp = new Cases.TempDir();
        string mutated = tmp["mutated." + which];
        int errors = 0;
        for (int i = 0; i < cases; i++)
        {
            byte[] bytes = Mutate(original, mutation, rng);
            File.WriteAllBytes(mutated, bytes);
            string[] args = ["prove", "--zkey", which == "zkey" ? mutated : zkeyPath, "--wtns", which == "wtns" ? mutated : wtnsPath,
                "--proof", tmp["proof.json"], "--public", tmp["public.json"], "--deterministic"];
            File.Delete(tmp["proof.json"]);
            var run = Task.Run(() => Cases.Cli(args));
            Assert.True(run.Wait(TimeSpan.FromSeconds(60)), $"case {i} ({mutation} of {which}) did not finish in 60 s");
            var (code, _, err) = run.Result;
            string where = $"case {i} ({mutation} of {name}/{which}, {bytes.Length} bytes): exit {code}: {err}";
            if (code == 2)
            {
                errors++;
                Assert.True(err.StartsWith(mutated, StringComparison.Ordinal) || err.Contains(mutated, StringComparison.Ordinal), where);
                Assert.Single(err.Trim().Split('\n'));
                Assert.False(File.Exists(tmp["proof.json"]), where);
                continue;
            }
            Assert.True(code == 0, where);
            var proof = SnarkjsJson.ReadProof(File.ReadAllBytes(tmp["proof.json"]));
            var publics = SnarkjsJson.ReadPublic(File.ReadAllBytes(tmp["public.json"]));
            Assert.True(publics.Length == vk.NPublic, where);
            Assert.True(Groth16Verifier.Check(vk, proof, publics) == null, "a proof was produced that does not verify: " + where);
        }
        // Most mutations must be caught (harmless flips land only in bytes the prover never reads).
        Assert.True(errors >= cases / 2, $"only {errors} of {cases} mutations were reported");
    }

    private static byte[] Mutate(byte[] original, Mutation mutation, Random rng)
    {
        switch (mutation)
        {
            case Mutation.Truncate:
                return original[..rng.Next(original.Length)];
            case Mutation.Resize:
                {
                    int at = rng.Next(original.Length), n = 1 + rng.Next(64);
                    if (rng.Next(2) == 0) return [.. original[..at], .. original[System.Math.Min(original.Length, at + n)..]];
                    var extra = new byte[n];
                    rng.NextBytes(extra);
                    return [.. original[..at], .. extra, .. original[at..]];
                }
            default:
                {
                    var b = (byte[])original.Clone();
                    int bit = rng.Next(b.Length * 8);
                    b[bit / 8] ^= (byte)(1 << (bit % 8));
                    return b;
                }
        }
    }
}
