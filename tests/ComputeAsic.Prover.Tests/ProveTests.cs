using System.Numerics;
using System.Text.Json;
using ComputeAsic.Kernels;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Pairing;
using ComputeAsic.Prover.Formats;
using ComputeAsic.Prover.Groth16;

namespace ComputeAsic.Prover.Tests;

/// <summary>End to end on the real snarkjs cases: bit-exact deterministic proofs, exact H, random proofs accepted by snarkjs and by us, flipped bits rejected by both.</summary>
public sealed class ProveTests
{
    public static TheoryData<string> AllCases => new(Cases.Names);

    [Theory]
    [MemberData(nameof(AllCases))]
    public void DeterministicProofIsTheReferenceByteForByte(string name)
    {
        using var tmp = new Cases.TempDir();
        var (code, _, err) = Cases.Cli("prove", "--zkey", Cases.File(name, "circuit_final.zkey"), "--wtns", Cases.File(name, "witness.wtns"),
            "--proof", tmp["proof.json"], "--public", tmp["public.json"], "--deterministic");
        Assert.True(code == 0, err);
        Assert.Contains("NOT zero-knowledge", err);
        Assert.Equal(File.ReadAllText(Cases.File(name, "proof_r0s0_reference.json")), File.ReadAllText(tmp["proof.json"]));
        Assert.Equal(File.ReadAllText(Cases.File(name, "public.json")), File.ReadAllText(tmp["public.json"]));
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void HScalarsAreTheReference(string name)
    {
        var zkey = Groth16Zkey.Read("zkey", File.ReadAllBytes(Cases.File(name, "circuit_final.zkey")));
        var w = Witness.Read("wtns", File.ReadAllBytes(Cases.File(name, "witness.wtns")));
        var h = Groth16Prover.ComputeH(zkey, w, CpuKernels.Ntt);
        var expected = File.ReadAllLines(Cases.File(name, "h_scalars_reference.txt")).Where(l => l.Length > 0).ToArray();
        Assert.Equal(zkey.DomainSize, expected.Length);
        Assert.Equal(expected, h.Select(x => x.ToString()));
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void TheWitnessSatisfiesTheR1csAndMatchesTheZkey(string name)
    {
        var r1cs = R1cs.Read("r1cs", File.ReadAllBytes(Cases.File(name, "circuit.r1cs")));
        var w = Witness.Read("wtns", File.ReadAllBytes(Cases.File(name, "witness.wtns")));
        var zkey = Groth16Zkey.Read("zkey", File.ReadAllBytes(Cases.File(name, "circuit_final.zkey")));
        Assert.Equal(-1, r1cs.FirstUnsatisfied(w));
        Assert.Equal(zkey.NVars, r1cs.NWires);
        Assert.Equal(zkey.NPublic, r1cs.NPubOut + r1cs.NPubIn);
        var info = File.ReadAllText(Cases.File(name, "r1cs_info.txt"));
        var (code, output, _) = Cases.Cli("r1cs", "info", Cases.File(name, "circuit.r1cs"));
        Assert.Equal(0, code);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries)) Assert.Contains(line.Trim(), info);
        // Breaking one wire breaks a constraint.
        var bad = new Witness { Limbs = (ulong[])w.Limbs.Clone() };
        bad.Limbs[4 * (w.Count - 1)] ^= 1;
        Assert.NotEqual(-1, r1cs.FirstUnsatisfied(bad));
    }

    [Theory]
    [InlineData("tiny_mul")]
    [InlineData("medium_poseidon_o1")]
    public void RandomProofsAreAcceptedBySnarkjsAndByUsAndFlippedBitsAreNot(string name)
    {
        using var tmp = new Cases.TempDir();
        string vkey = Cases.File(name, "verification_key.json");
        var (code, _, err) = Cases.Cli("prove", "--zkey", Cases.File(name, "circuit_final.zkey"), "--wtns", Cases.File(name, "witness.wtns"),
            "--proof", tmp["proof.json"], "--public", tmp["public.json"]);
        Assert.True(code == 0, err);
        // Random r and s: not the deterministic proof, and a second run differs again.
        Assert.NotEqual(File.ReadAllText(Cases.File(name, "proof_r0s0_reference.json")), File.ReadAllText(tmp["proof.json"]));
        Assert.True(Cases.SnarkjsVerifies(vkey, tmp["public.json"], tmp["proof.json"]));
        Assert.Equal(0, Cases.Cli("verify", "--vkey", vkey, "--proof", tmp["proof.json"], "--public", tmp["public.json"]).Code);

        // One flipped bit (a low bit of a coordinate, so the value stays a canonical field element) in each proof element.
        var original = File.ReadAllText(tmp["proof.json"]);
        var flips = new[] { ("pi_a", 0, -1), ("pi_b", 1, 0), ("pi_c", 1, -1) };
        foreach (var (key, index, sub) in flips)
        {
            File.WriteAllText(tmp["bad.json"], FlipLowBit(original, key, index, sub));
            Assert.False(Cases.SnarkjsVerifies(vkey, tmp["public.json"], tmp["bad.json"]), key);
            var (c2, _, e2) = Cases.Cli("verify", "--vkey", vkey, "--proof", tmp["bad.json"], "--public", tmp["public.json"]);
            Assert.Equal(1, c2);
            Assert.StartsWith("proof is invalid", e2);
        }
        // A flipped bit in a public signal.
        var pub = JsonSerializer.Deserialize<string[]>(File.ReadAllText(tmp["public.json"]))!;
        pub[0] = (BigInteger.Parse(pub[0]) ^ 1).ToString();
        File.WriteAllText(tmp["badpub.json"], JsonSerializer.Serialize(pub));
        Assert.False(Cases.SnarkjsVerifies(vkey, tmp["badpub.json"], tmp["proof.json"]));
        Assert.Equal(1, Cases.Cli("verify", "--vkey", vkey, "--proof", tmp["proof.json"], "--public", tmp["badpub.json"]).Code);
    }

    private static string FlipLowBit(string proofJson, string key, int index, int sub)
    {
        var doc = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(proofJson)!;
        var result = new Dictionary<string, object>();
        foreach (var (k, v) in doc)
        {
            if (k != key)
            {
                result[k] = v;
                continue;
            }
            if (sub < 0)
            {
                var arr = v.Deserialize<string[]>()!;
                arr[index] = (BigInteger.Parse(arr[index]) ^ 1).ToString();
                result[k] = arr;
            }
            else
            {
                var arr = v.Deserialize<string[][]>()!;
                arr[index][sub] = (BigInteger.Parse(arr[index][sub]) ^ 1).ToString();
                result[k] = arr;
            }
        }
        return JsonSerializer.Serialize(result);
    }

    [Fact]
    public void SnarkjsOwnProofVerifiesWithUs()
    {
        foreach (var name in Cases.Names)
        {
            var (code, output, err) = Cases.Cli("verify", "--vkey", Cases.File(name, "verification_key.json"), "--proof", Cases.File(name, "proof.json"), "--public", Cases.File(name, "public.json"));
            Assert.True(code == 0, name + ": " + err);
            Assert.Contains("proof is valid", output);
        }
    }

    /// <summary>snarkjs's vk_alphabeta_12 is e(α, β) from its own pairing, whose final exponentiation (the usual fast hard part)
    /// yields the canonical value raised to the fixed power 2x(6x²+3x+1); ours is the canonical (q¹²−1)/r one.</summary>
    [Fact]
    public void OurPairingOfAlphaAndBetaIsSnarkjsAlphaBeta12()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Cases.File("medium_poseidon", "verification_key.json")));
        var vk = SnarkjsJson.ReadVerificationKey(File.ReadAllBytes(Cases.File("medium_poseidon", "verification_key.json")));
        var e = Bn254Pairing.Pair(vk.Alpha1, vk.Beta2);
        var ab = json.RootElement.GetProperty("vk_alphabeta_12");
        Bn254Fq2 F2(JsonElement x) => Bn254Fq2.FromBigIntegers(BigInteger.Parse(x[0].GetString()!), BigInteger.Parse(x[1].GetString()!));
        Bn254Fq6 F6(JsonElement x) => new(F2(x[0]), F2(x[1]), F2(x[2]));
        var x = Bn254Pairing.X;
        var snarkjs = new Bn254Fq12(F6(ab[0]), F6(ab[1]));
        Assert.NotEqual(snarkjs, e);
        Assert.Equal(snarkjs, FieldMath.Pow(e, 2 * x * (6 * x * x + 3 * x + 1)));
    }

    [Fact]
    public void VerifierRejectsProofPointsOffTheCurveOrOutsideG2()
    {
        var name = "tiny_mul";
        var vk = SnarkjsJson.ReadVerificationKey(File.ReadAllBytes(Cases.File(name, "verification_key.json")));
        var proof = SnarkjsJson.ReadProof(File.ReadAllBytes(Cases.File(name, "proof.json")));
        var publics = SnarkjsJson.ReadPublic(File.ReadAllBytes(Cases.File(name, "public.json")));
        Assert.Null(Groth16Verifier.Check(vk, proof, publics));
        var offA = proof with { A = new Bn254G1Affine(proof.A.X, proof.A.Y + Bn254Fq.One) };
        Assert.Contains("pi_a is not on the curve", Groth16Verifier.Check(vk, offA, publics));
        var offC = proof with { C = new Bn254G1Affine(proof.C.X + Bn254Fq.One, proof.C.Y) };
        Assert.Contains("pi_c is not on the curve", Groth16Verifier.Check(vk, offC, publics));
        var offB = proof with { B = new Bn254G2Affine(proof.B.X, proof.B.Y + Bn254Fq2.One) };
        Assert.Contains("not on the twist", Groth16Verifier.Check(vk, offB, publics));
        // A twist point outside G2: on the curve, but r·P ≠ O.
        Bn254G2Affine outside = default;
        for (long x = 1; ; x++)
        {
            var fx = Bn254Fq2.FromInt(x);
            if ((fx.Square() * fx + Math.Curves.Bn254G2.B).TrySqrt(out var y))
            {
                outside = new Bn254G2Affine(fx, y);
                if (!outside.IsInSubgroup) break;
            }
        }
        Assert.Contains("not in the order-r subgroup", Groth16Verifier.Check(vk, proof with { B = outside }, publics));
        // And the same through the CLI: exit 1 (invalid), not 2 (malformed).
        using var tmp = new Cases.TempDir();
        using (var f = File.Create(tmp["p.json"])) SnarkjsJson.WriteProof(f, proof with { B = outside });
        var (code, _, err) = Cases.Cli("verify", "--vkey", Cases.File(name, "verification_key.json"), "--proof", tmp["p.json"], "--public", Cases.File(name, "public.json"));
        Assert.Equal(1, code);
        Assert.Contains("not in the order-r subgroup", err);
    }

    [Fact]
    public void G2MsmThroughTheEngineMatchesNaive()
    {
        var zkey = Groth16Zkey.Read("zkey", File.ReadAllBytes(Cases.File("tiny_mul", "circuit_final.zkey")));
        var w = Witness.Read("wtns", File.ReadAllBytes(Cases.File("tiny_mul", "witness.wtns")));
        var fast = CpuKernels.Msm.Msm<Bn254Fq2, Math.Curves.Bn254G2>(zkey.B2, w.Limbs);
        var naive = new Kernels.Msm.NaiveMsm().Msm<Bn254Fq2, Math.Curves.Bn254G2>(zkey.B2, w.Limbs);
        Assert.Equal(naive, fast);
        Assert.False(naive.IsIdentity);
    }
}
