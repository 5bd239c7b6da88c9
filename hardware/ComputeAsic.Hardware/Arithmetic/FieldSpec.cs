using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>
/// A prime field as hardware sees it: the modulus, its width and an identifier for entity and design names. Blocks are
/// parameterised by this rather than by a Math type so that the same generator serves every field, while
/// <see cref="Golden"/> ties it back to the <c>ComputeAsic.Math</c> type that checks the results.
/// </summary>
public sealed class FieldSpec
{
    private FieldSpec(string id, BigInteger modulus, IGoldenField golden, int twoAdicity, BigInteger generator)
    {
        Id = id;
        TwoAdicity = twoAdicity;
        Generator = generator;
        Modulus = modulus;
        Golden = golden;
        Bits = (int)modulus.GetBitLength();
    }

    /// <summary>Identifier used in entity and catalog names, e.g. <c>bn254_fq</c>.</summary>
    public string Id { get; }

    /// <summary>The prime p.</summary>
    public BigInteger Modulus { get; }

    /// <summary>Bits of p, the width of every element port: elements are canonical integers in [0, p).</summary>
    public int Bits { get; }

    /// <summary>The largest s with 2^s dividing p − 1: the largest power-of-two NTT the field has.</summary>
    public int TwoAdicity { get; }

    /// <summary>The multiplicative generator g of the Math type (roots of unity are g^((p−1)/n), as the CPU kernels use).</summary>
    public BigInteger Generator { get; }

    /// <summary>The Math field the block is checked against.</summary>
    public IGoldenField Golden { get; }

    /// <summary>Whether p = 2^64 - 2^32 + 1, whose special form replaces the general reduction.</summary>
    public bool IsGoldilocks => Modulus == Goldilocks.Modulus;

    /// <summary>The field of a Math type, named by <paramref name="id"/>.</summary>
    public static FieldSpec Of<F>(string id) where F : struct, IPrimeField<F> => new(id, F.Modulus, new GoldenField<F>(), F.TwoAdicity, F.MultiplicativeGenerator.ToBigInteger());

    /// <summary>BN254 base field (coordinates of G1).</summary>
    public static FieldSpec Bn254Fq { get; } = Of<Bn254Fq>("bn254_fq");

    /// <summary>BN254 scalar field (circuits, NTTs).</summary>
    public static FieldSpec Bn254Fr { get; } = Of<Bn254Fr>("bn254_fr");

    /// <summary>BLS12-381 base field.</summary>
    public static FieldSpec Bls12381Fq { get; } = Of<Bls12381Fq>("bls12_381_fq");

    /// <summary>BLS12-381 scalar field.</summary>
    public static FieldSpec Bls12381Fr { get; } = Of<Bls12381Fr>("bls12_381_fr");

    /// <summary>BLS12-377 base field.</summary>
    public static FieldSpec Bls12377Fq { get; } = Of<Bls12377Fq>("bls12_377_fq");

    /// <summary>BLS12-377 scalar field.</summary>
    public static FieldSpec Bls12377Fr { get; } = Of<Bls12377Fr>("bls12_377_fr");

    /// <summary>Goldilocks, p = 2^64 - 2^32 + 1.</summary>
    public static FieldSpec Goldilocks { get; } = Of<Goldilocks>("goldilocks");

    /// <summary>BabyBear, p = 2^31 - 2^27 + 1.</summary>
    public static FieldSpec BabyBear { get; } = Of<BabyBear>("babybear");

    /// <summary>Every field of the project, in a fixed order.</summary>
    public static IReadOnlyList<FieldSpec> All { get; } = [Bn254Fq, Bn254Fr, Bls12381Fq, Bls12381Fr, Bls12377Fq, Bls12377Fr, Goldilocks, BabyBear];

    /// <summary>The field named <paramref name="id"/>.</summary>
    public static FieldSpec Find(string id) => All.FirstOrDefault(f => f.Id == id) ?? throw new ArgumentException($"unknown field '{id}'");

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>Field operations of the golden model on canonical integers, so checks need not know the Math type.</summary>
public interface IGoldenField
{
    /// <summary>a + b mod p.</summary>
    BigInteger Add(BigInteger a, BigInteger b);

    /// <summary>a - b mod p.</summary>
    BigInteger Sub(BigInteger a, BigInteger b);

    /// <summary>a · b mod p (inputs may be any non-negative integers; they are reduced first).</summary>
    BigInteger Mul(BigInteger a, BigInteger b);
}

/// <summary><see cref="IGoldenField"/> computed by the Math type <typeparamref name="F"/>.</summary>
public sealed class GoldenField<F> : IGoldenField where F : struct, IPrimeField<F>
{
    private static F Of(BigInteger x) => F.FromBigInteger(x % F.Modulus);

    /// <inheritdoc/>
    public BigInteger Add(BigInteger a, BigInteger b) => (Of(a) + Of(b)).ToBigInteger();

    /// <inheritdoc/>
    public BigInteger Sub(BigInteger a, BigInteger b) => (Of(a) - Of(b)).ToBigInteger();

    /// <inheritdoc/>
    public BigInteger Mul(BigInteger a, BigInteger b) => (Of(a) * Of(b)).ToBigInteger();
}
