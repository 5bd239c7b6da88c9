namespace ComputeAsic.Prover.Groth16;

/// <summary>A Groth16 verification key (snarkjs's <c>verification_key.json</c> without the derived e(α, β)).</summary>
public sealed record VerificationKey(int NPublic, Bn254G1Affine Alpha1, Bn254G2Affine Beta2, Bn254G2Affine Gamma2, Bn254G2Affine Delta2, Bn254G1Affine[] IC);

/// <summary>A Groth16 proof (π_A, π_B, π_C) in affine form.</summary>
public sealed record Proof(Bn254G1Affine A, Bn254G2Affine B, Bn254G1Affine C);
