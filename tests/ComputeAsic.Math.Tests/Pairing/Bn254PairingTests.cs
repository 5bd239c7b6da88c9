using System.Globalization;
using System.Numerics;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Pairing;

namespace ComputeAsic.Math.Tests.Pairing;

/// <summary>The optimal ate pairing: bilinearity, non-degeneracy, order r, and the Ethereum pairing-precompile (EIP-197) vectors.</summary>
public sealed class Bn254PairingTests
{
    private static readonly BigInteger R = Bn254FrParams.Modulus;
    private static Bn254G1Affine G1 => Bn254G1Affine.Generator;
    private static Bn254G2Affine G2 => Bn254G2Affine.Generator;

    [Fact]
    public void PairingIsBilinearAndNonDegenerate()
    {
        var e = Bn254Pairing.Pair(G1, G2);
        Assert.NotEqual(Bn254Fq12.One, e);
        Assert.Equal(Bn254Fq12.One, FieldMath.Pow(e, R));
        var rng = new Random(9);
        for (int i = 0; i < 2; i++)
        {
            BigInteger a = rng.NextInt64(1, long.MaxValue), b = new BigInteger(rng.NextInt64()) * rng.NextInt64() % R;
            var lhs = Bn254Pairing.Pair(G1.Multiply(a).ToAffine(), G2.Multiply(b).ToAffine());
            Assert.Equal(FieldMath.Pow(e, a * b % R), lhs);
            Assert.Equal(Bn254Pairing.Pair(G1.Multiply(a * b % R).ToAffine(), G2), lhs);
        }
        var p2 = G1.Multiply(5).ToAffine();
        Assert.Equal(Bn254Pairing.Pair(G1, G2) * Bn254Pairing.Pair(p2, G2), Bn254Pairing.Pair(G1.Multiply(6).ToAffine(), G2));
    }

    [Fact]
    public void IdentityPairsToOne()
    {
        Assert.Equal(Bn254Fq12.One, Bn254Pairing.Pair(Bn254G1Affine.Identity, G2));
        Assert.Equal(Bn254Fq12.One, Bn254Pairing.Pair(G1, Bn254G2Affine.Identity));
        Assert.True(Bn254Pairing.ProductIsOne([]));
        Assert.True(Bn254Pairing.ProductIsOne([(G1, G2), (G1.Negate(), G2)]));
        Assert.False(Bn254Pairing.ProductIsOne([(G1, G2), (G1, G2)]));
    }

    // Pairing-check vectors of the Ethereum precompile 0x08 (go-ethereum testdata bn256Pairing.json, as reused by revm and others).
    // Each pair is G1 x, y then G2 x.im, x.re, y.im, y.re, big-endian 32-byte words.
    public static TheoryData<string, string, bool> Eip197 => new()
    {
        { "jeff1", "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa", true },
        { "jeff1-bad", "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c103188585e2364128fe25c70558f1560f4f9350baf3959e603cc91486e110936198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa", false },
        { "jeff3", "0f25929bcb43d5a57391564615c9e70a992b10eafa4db109709649cf48c50dd216da2f5cb6be7a0aa72c440c53c9bbdfec6c36c7d515536431b3a865468acbba2e89718ad33c8bed92e210e81d1853435399a271913a6520736a4729cf0d51eb01a9e2ffa2e92599b68e44de5bcf354fa2642bd4f26b259daa6f7ce3ed57aeb314a9a87b789a58af499b314e13c3d65bede56c07ea2d418d6874857b70763713178fb49a2d6cd347dc58973ff49613a20757d0fcc22079f9abd10c3baee245901b9e027bd5cfc2cb5db82d4dc9677ac795ec500ecd47deee3b5da006d6d049b811d7511c78158de484232fc68daf8a45cf217d1c2fae693ff5871e8752d73b21198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa", true },
        { "one-point", "00000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000002198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa", false },
        { "two-point-match", "00000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000002198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa00000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000002198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed275dc4a288d1afb3cbb1ac09187524c7db36395df7be3b99e673b13a075a65ec1d9befcd05a5323e6da4d435f3b617cdb3af83285c2df711ef39c01571827f9d", true },
    };

    [Theory]
    [MemberData(nameof(Eip197))]
    public void PrecompileVectors(string name, string hex, bool expected)
    {
        Assert.Equal(0, hex.Length % 384);
        var pairs = new List<(Bn254G1Affine, Bn254G2Affine)>();
        for (int off = 0; off < hex.Length; off += 384)
        {
            BigInteger W(int i) => BigInteger.Parse("0" + hex.Substring(off + 64 * i, 64), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var p = new Bn254G1Affine(Bn254Fq.FromBigInteger(W(0)), Bn254Fq.FromBigInteger(W(1)));
            var q = new Bn254G2Affine(Bn254Fq2.FromBigIntegers(W(3), W(2)), Bn254Fq2.FromBigIntegers(W(5), W(4)));
            Assert.True(p.IsOnCurve && p.IsInSubgroup, name);
            Assert.True(q.IsOnCurve && q.IsInSubgroup, name);
            pairs.Add((p, q));
        }
        Assert.Equal(expected, Bn254Pairing.ProductIsOne(pairs.ToArray()));
    }
}
