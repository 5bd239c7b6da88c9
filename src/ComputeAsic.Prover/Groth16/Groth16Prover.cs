using System.Security.Cryptography;
using ComputeAsic.Kernels.Msm;
using ComputeAsic.Kernels.Ntt;
using ComputeAsic.Math;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Prover.Formats;

namespace ComputeAsic.Prover.Groth16;

/// <summary>How to prove: which engines run the MSMs and NTTs (CPU kernels now, a device later), and where r and s come from.</summary>
public sealed class ProverOptions
{
    /// <summary>The MSM engine for both G1 and G2.</summary>
    public required IMsmEngine Msm { get; init; }

    /// <summary>The NTT engine for the H computation.</summary>
    public required INttEngine Ntt { get; init; }

    /// <summary>r = s = 0: reproducible proofs for tests. NOT zero-knowledge: the proof then leaks information about the witness.</summary>
    public bool Deterministic { get; init; }

    /// <summary>Verify the proof against the key's own verification key before returning it (a few milliseconds; catches corrupt or mismatched inputs).</summary>
    public bool SelfCheck { get; init; } = true;

    /// <summary>Where step times go; null for none.</summary>
    public StepTimer? Timer { get; init; }
}

/// <summary>Groth16 proving over snarkjs artifacts, step for step as snarkjs 0.7.6 does it (FORMATS.md), with every MSM and NTT through the kernel interfaces.</summary>
public static class Groth16Prover
{
    /// <summary>Proves; returns the proof and the public signals w[1..nPublic].</summary>
    public static (Proof Proof, Bn254Fr[] Publics) Prove(Groth16Zkey zkey, Witness witness, ProverOptions options)
    {
        if (witness.Count != zkey.NVars)
            throw new InvalidInputException($"the witness has {witness.Count} wires but the zkey's circuit has nVars = {zkey.NVars}: they do not belong together");
        var timer = options.Timer ?? new StepTimer();
        var msm = options.Msm;
        int nPub = zkey.NPublic;
        ulong[] w = witness.Limbs;

        // One step at a time: each engine spreads its own work over every core, so the step times add up to the wall time.
        ulong[] h;
        using (timer.Step("H (NTT)")) h = HScalarLimbs(zkey, witness, options.Ntt);
        Bn254G1Jacobian sumA, sumB1, sumC, sumH;
        using (timer.Step("G1 MSM"))
        {
            sumA = Msm(msm, zkey.A, w);
            sumB1 = Msm(msm, zkey.B1, w);
            sumC = Msm(msm, zkey.C, w.AsSpan(4 * (nPub + 1)));
            sumH = Msm(msm, zkey.H, h);
        }
        Bn254G2Jacobian sumB2;
        using (timer.Step("G2 MSM")) sumB2 = Msm(msm, zkey.B2, w);

        Proof proof;
        var publics = new Bn254Fr[nPub];
        using (timer.Step("assemble"))
        {
            for (int i = 0; i < nPub; i++) publics[i] = witness[i + 1];
            var r = options.Deterministic ? Bn254Fr.Zero : RandomScalar();
            var s = options.Deterministic ? Bn254Fr.Zero : RandomScalar();
            var piA = zkey.Alpha1.ToJacobian() + sumA + Mul(zkey.Delta1.ToJacobian(), r);
            var piB = zkey.Beta2.ToJacobian() + sumB2 + Mul(zkey.Delta2.ToJacobian(), s);
            var b1 = zkey.Beta1.ToJacobian() + sumB1 + Mul(zkey.Delta1.ToJacobian(), s);
            var piC = sumC + sumH + Mul(piA, s) + Mul(b1, r) - Mul(zkey.Delta1.ToJacobian(), r * s);
            proof = new Proof(piA.ToAffine(), piB.ToAffine(), piC.ToAffine());
        }
        if (options.SelfCheck)
        {
            string? problem;
            using (timer.Step("self-check")) problem = Groth16Verifier.Check(zkey.VerificationKey, proof, publics);
            if (problem != null)
                throw new InvalidInputException($"the proof does not verify against the zkey's own verification key ({problem}): the witness does not satisfy this circuit, or the zkey or witness is corrupt");
        }
        return (proof, publics);
    }

    /// <summary>The n H-section scalars h_i = A'_i·B'_i − C'_i on the odd coset of the 2n domain, as field elements.</summary>
    public static Bn254Fr[] ComputeH(Groth16Zkey zkey, Witness witness, INttEngine ntt)
    {
        int n = zkey.DomainSize;
        var wm = new Bn254Fr[witness.Count];
        for (int i = 0; i < wm.Length; i++) wm[i] = witness[i];
        var a = new Bn254Fr[n];
        var b = new Bn254Fr[n];
        foreach (var e in zkey.ACoefs) a[e.Row] += e.Value * wm[e.Signal];
        foreach (var e in zkey.BCoefs) b[e.Row] += e.Value * wm[e.Signal];
        var c = new Bn254Fr[n];
        for (int i = 0; i < n; i++) c[i] = a[i] * b[i];
        // Interpolate on ⟨ω_n⟩, then evaluate on ω_2n·⟨ω_n⟩ (the odd points of the 2n domain), with snarkjs's ω (generator 5).
        var shift = FieldMath.RootOfUnity<Bn254Fr>(zkey.DomainLog + 1);
        ToOddCoset(a, shift, ntt);
        ToOddCoset(b, shift, ntt);
        ToOddCoset(c, shift, ntt);
        for (int i = 0; i < n; i++) a[i] = a[i] * b[i] - c[i];
        return a;
    }

    private static void ToOddCoset(Bn254Fr[] values, Bn254Fr shift, INttEngine ntt)
    {
        ntt.Inverse<Bn254Fr>(values);
        ntt.ForwardCoset<Bn254Fr>(values, shift);
    }

    private static ulong[] HScalarLimbs(Groth16Zkey zkey, Witness witness, INttEngine ntt)
    {
        var h = ComputeH(zkey, witness, ntt);
        var limbs = new ulong[4 * h.Length];
        for (int i = 0; i < h.Length; i++) h[i].WriteCanonicalLimbs(limbs.AsSpan(4 * i, 4));
        return limbs;
    }

    /// <summary>Σ kᵢ·Pᵢ over the terms that can contribute: wires absent from A or B have the identity as base (4,110 of 7,758
    /// in medium_poseidon_o1), and dropping them (and zero scalars) lets the engine size its windows for the real count.</summary>
    private static Jacobian<F, C> Msm<F, C>(IMsmEngine engine, Affine<F, C>[] points, ReadOnlySpan<ulong> scalars)
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        int live = 0;
        for (int i = 0; i < points.Length; i++)
        {
            if (!points[i].IsIdentity && !IsZero(scalars, i)) live++;
        }
        if (live == points.Length) return engine.Msm<F, C>(points, scalars);
        var p = new Affine<F, C>[live];
        var k = new ulong[4 * live];
        for (int i = 0, j = 0; i < points.Length; i++)
        {
            if (points[i].IsIdentity || IsZero(scalars, i)) continue;
            p[j] = points[i];
            scalars.Slice(4 * i, 4).CopyTo(k.AsSpan(4 * j, 4));
            j++;
        }
        return engine.Msm<F, C>(p, k);
    }

    private static bool IsZero(ReadOnlySpan<ulong> scalars, int i) => (scalars[4 * i] | scalars[4 * i + 1] | scalars[4 * i + 2] | scalars[4 * i + 3]) == 0;

    private static Jacobian<F, C> Mul<F, C>(Jacobian<F, C> p, Bn254Fr k)
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        Span<ulong> limbs = stackalloc ulong[4];
        k.WriteCanonicalLimbs(limbs);
        return p.Multiply(limbs);
    }

    /// <summary>Uniform in [0, r) from the OS CSPRNG, by rejection sampling of 254-bit values.</summary>
    private static Bn254Fr RandomScalar()
    {
        Span<byte> bytes = stackalloc byte[32];
        Span<ulong> limbs = stackalloc ulong[4];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            bytes[31] &= 0x3f;
            SnarkjsEncoding.Limbs(bytes, limbs);
            if (Bn254Fr.TryFromCanonicalLimbs(limbs, out var k)) return k;
        }
    }
}
