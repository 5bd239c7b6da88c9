using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Pairing;

namespace ComputeAsic.Prover.Groth16;

/// <summary>The Groth16 check e(A, B) = e(α, β)·e(Σ xᵢ·ICᵢ, γ)·e(C, δ), as snarkjs verifies, so a provider can check a proof before it leaves the machine.</summary>
public static class Groth16Verifier
{
    /// <summary>Null when the proof is valid for the public signals, else why not. The key is trusted (checked when read); proof points are checked here.</summary>
    public static string? Check(VerificationKey vk, Proof proof, ReadOnlySpan<Bn254Fr> publics)
    {
        if (publics.Length != vk.NPublic)
            throw new ArgumentException($"{publics.Length} public signals for a key with nPublic = {vk.NPublic}");
        if (!proof.A.IsOnCurve) return "pi_a is not on the curve";
        if (!proof.B.IsOnCurve) return "pi_b is not on the twist curve";
        if (!proof.B.IsInSubgroup) return "pi_b is not in the order-r subgroup G2";
        if (!proof.C.IsOnCurve) return "pi_c is not on the curve";
        var acc = vk.IC[0].ToJacobian();
        Span<ulong> limbs = stackalloc ulong[4];
        for (int i = 0; i < publics.Length; i++)
        {
            publics[i].WriteCanonicalLimbs(limbs);
            acc += vk.IC[i + 1].ToJacobian().Multiply(limbs);
        }
        var vkX = acc.ToAffine();
        bool ok = Bn254Pairing.ProductIsOne([
            (proof.A.Negate(), proof.B),
            (vk.Alpha1, vk.Beta2),
            (vkX, vk.Gamma2),
            (proof.C, vk.Delta2),
        ]);
        return ok ? null : "the pairing check failed";
    }
}
