using System.Numerics;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Pairing;

/// <summary>The BN254 optimal ate pairing e: G1 × G2 → μ_r ⊂ Fq12 (as in EIP-197 and snarkjs), for checking Groth16 proofs on the machine that made them.</summary>
/// <remarks>
/// Miller loop over 6x+2 with affine line functions on the D-type twist, then the two Frobenius lines, then the final
/// exponentiation (q¹²−1)/r split into the easy part (q⁶−1)(q²+1) and a plain exponentiation by (q⁴−q²+1)/r. Written for
/// clarity over speed: verification runs a handful of pairings, never millions. Vertical lines are dropped because they
/// lie in Fq6, which the final exponentiation maps to 1.
/// </remarks>
public static class Bn254Pairing
{
    /// <summary>The BN parameter x of BN254 (q and r are polynomials in it).</summary>
    public static readonly BigInteger X = 4965661367192848881;

    private static readonly BigInteger LoopCount = 6 * X + 2;
    private static readonly BigInteger Q = Bn254FqParams.Modulus;
    private static readonly BigInteger HardExponent = (BigInteger.Pow(Q, 4) - BigInteger.Pow(Q, 2) + 1) / Bn254FrParams.Modulus;
    private static readonly Bn254Fq2 FrobX2 = FieldMath.Pow(Bn254Fq2.Xi, (Q * Q - 1) / 3);
    private static readonly Bn254Fq2 FrobY2 = FieldMath.Pow(Bn254Fq2.Xi, (Q * Q - 1) / 2);

    /// <summary>e(P, Q); 1 when either point is the identity. Inputs must be in G1 and G2 (callers check).</summary>
    public static Bn254Fq12 Pair(Bn254G1Affine p, Bn254G2Affine q) => FinalExponentiation(MillerLoop([(p, q)]));

    /// <summary>Whether Π e(Pᵢ, Qᵢ) = 1, with one shared Miller loop and one final exponentiation.</summary>
    public static bool ProductIsOne(ReadOnlySpan<(Bn254G1Affine P, Bn254G2Affine Q)> pairs)
        => FinalExponentiation(MillerLoop(pairs)) == Bn254Fq12.One;

    /// <summary>The product of the Miller loops f_{6x+2,Qᵢ}(Pᵢ)·(Frobenius lines), before the final exponentiation.</summary>
    public static Bn254Fq12 MillerLoop(ReadOnlySpan<(Bn254G1Affine P, Bn254G2Affine Q)> pairs)
    {
        var live = new List<(Bn254G1Affine P, Bn254G2Affine Q)>();
        foreach (var pair in pairs)
        {
            if (!pair.P.IsIdentity && !pair.Q.IsIdentity) live.Add(pair);
        }
        var t = live.Select(x => x.Q).ToArray();
        Bn254Fq12 f = Bn254Fq12.One;
        for (long bit = (long)LoopCount.GetBitLength() - 2; bit >= 0; bit--)
        {
            f = f.Square();
            for (int i = 0; i < live.Count; i++) f *= Step(ref t[i], t[i], live[i].P);
            if (!(LoopCount >> (int)bit).IsEven)
            {
                for (int i = 0; i < live.Count; i++) f *= Step(ref t[i], live[i].Q, live[i].P);
            }
        }
        for (int i = 0; i < live.Count; i++)
        {
            var q = live[i].Q;
            var q1 = Bn254G2.Psi(q);
            var q2Neg = new Bn254G2Affine(q.X * FrobX2, -(q.Y * FrobY2));
            f *= Step(ref t[i], q1, live[i].P);
            f *= Step(ref t[i], q2Neg, live[i].P);
        }
        return f;
    }

    /// <summary>f^((q¹²−1)/r): maps Miller-loop values to the unique r-th roots of unity the pairing is defined by.</summary>
    public static Bn254Fq12 FinalExponentiation(Bn254Fq12 f)
    {
        if (f.IsZero) throw new ArgumentException("zero has no pairing value", nameof(f));
        Bn254Fq12 easy = f.Conjugate() * f.Inverse();   // f^(q⁶−1)
        easy = easy.Frobenius(2) * easy;                // ·^(q²+1)
        return FieldMath.Pow(easy, HardExponent);
    }

    /// <summary>T ← T + R (or 2T when R = T) and returns the line through them evaluated at P (1 for vertical lines and the identity).</summary>
    private static Bn254Fq12 Step(ref Bn254G2Affine t, Bn254G2Affine r, Bn254G1Affine p)
    {
        if (t.IsIdentity)
        {
            t = r;
            return Bn254Fq12.One;
        }
        if (r.IsIdentity) return Bn254Fq12.One;
        Bn254Fq2 lambda;
        if (t.X == r.X)
        {
            if (t.Y != r.Y || t.Y.IsZero)
            {
                t = Bn254G2Affine.Identity;
                return Bn254Fq12.One;
            }
            Bn254Fq2 xx = t.X.Square();
            lambda = (xx.Double() + xx) * t.Y.Double().Inverse();
        }
        else
        {
            lambda = (r.Y - t.Y) * (r.X - t.X).Inverse();
        }
        Bn254Fq2 x3 = lambda.Square() - t.X - r.X;
        Bn254Fq2 y3 = lambda * (t.X - x3) - t.Y;
        // Untwisted, the line is yP − λ·xP·w + (λ·x_T − y_T)·w³, with w³ = v·w.
        var line = new Bn254Fq12(
            new Bn254Fq6(new Bn254Fq2(p.Y, Bn254Fq.Zero), Bn254Fq2.Zero, Bn254Fq2.Zero),
            new Bn254Fq6(-lambda.Scale(p.X), lambda * t.X - t.Y, Bn254Fq2.Zero));
        t = new Bn254G2Affine(x3, y3);
        return line;
    }
}
