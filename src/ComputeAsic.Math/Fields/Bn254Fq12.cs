using System.Numerics;

namespace ComputeAsic.Math.Fields;

/// <summary>BN254 Fq12 = Fq6[w]/(w² − v): the pairing's target field, where Groth16 verification compares values.</summary>
public readonly struct Bn254Fq12 : IField<Bn254Fq12>
{
    /// <summary>Coefficient of 1.</summary>
    public readonly Bn254Fq6 C0;

    /// <summary>Coefficient of w.</summary>
    public readonly Bn254Fq6 C1;

    /// <summary>c0 + c1·w.</summary>
    public Bn254Fq12(Bn254Fq6 c0, Bn254Fq6 c1)
    {
        C0 = c0;
        C1 = c1;
    }

    /// <inheritdoc/>
    public static Bn254Fq12 Zero => default;

    /// <inheritdoc/>
    public static Bn254Fq12 One => new(Bn254Fq6.One, Bn254Fq6.Zero);

    /// <inheritdoc/>
    public bool IsZero => C0.IsZero && C1.IsZero;

    /// <inheritdoc/>
    public static Bn254Fq12 FromInt(long value) => new(Bn254Fq6.FromInt(value), Bn254Fq6.Zero);

    /// <inheritdoc/>
    public static Bn254Fq12 operator +(Bn254Fq12 a, Bn254Fq12 b) => new(a.C0 + b.C0, a.C1 + b.C1);

    /// <inheritdoc/>
    public static Bn254Fq12 operator -(Bn254Fq12 a, Bn254Fq12 b) => new(a.C0 - b.C0, a.C1 - b.C1);

    /// <inheritdoc/>
    public static Bn254Fq12 operator -(Bn254Fq12 a) => new(-a.C0, -a.C1);

    /// <summary>Karatsuba over two coefficients (3 Fq6 products).</summary>
    public static Bn254Fq12 operator *(Bn254Fq12 a, Bn254Fq12 b)
    {
        Bn254Fq6 t0 = a.C0 * b.C0, t1 = a.C1 * b.C1;
        return new(t0 + t1.MulByV(), (a.C0 + a.C1) * (b.C0 + b.C1) - t0 - t1);
    }

    /// <summary>Complex squaring (2 Fq6 products).</summary>
    public Bn254Fq12 Square()
    {
        Bn254Fq6 t = C0 * C1;
        Bn254Fq6 c0 = (C0 + C1) * (C0 + C1.MulByV()) - t - t.MulByV();
        return new(c0, t.Double());
    }

    /// <inheritdoc/>
    public Bn254Fq12 Double() => new(C0.Double(), C1.Double());

    /// <summary>c0 − c1·w: the q⁶-power Frobenius, and the inverse of a unitary element (after the easy part of the final exponentiation).</summary>
    public Bn254Fq12 Conjugate() => new(C0, -C1);

    /// <summary>(c0 − c1·w)/(c0² − v·c1²); zero maps to zero.</summary>
    public Bn254Fq12 Inverse()
    {
        Bn254Fq6 t = (C0.Square() - C1.Square().MulByV()).Inverse();
        return new(C0 * t, -(C1 * t));
    }

    /// <summary>this^(q^power) for power 1..11, from the basis w^k: (a·w^k)^(q^p) = conj^p(a)·ξ^(k(q^p−1)/6)·w^k.</summary>
    public Bn254Fq12 Frobenius(int power)
    {
        if (power < 0 || power >= 12) throw new ArgumentOutOfRangeException(nameof(power));
        if (power == 0) return this;
        var g = FrobeniusCoefficients.Get(power);
        bool conj = (power & 1) != 0;
        Bn254Fq2 F(Bn254Fq2 a, int k) => (conj ? a.Conjugate() : a) * g[k];
        return new(new(F(C0.C0, 0), F(C0.C1, 2), F(C0.C2, 4)), new(F(C1.C0, 1), F(C1.C1, 3), F(C1.C2, 5)));
    }

    /// <inheritdoc/>
    public bool Equals(Bn254Fq12 other) => C0 == other.C0 && C1 == other.C1;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Bn254Fq12 o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(C0, C1);

    /// <inheritdoc/>
    public static bool operator ==(Bn254Fq12 a, Bn254Fq12 b) => a.Equals(b);

    /// <inheritdoc/>
    public static bool operator !=(Bn254Fq12 a, Bn254Fq12 b) => !a.Equals(b);

    /// <summary>The two Fq6 coefficients.</summary>
    public override string ToString() => $"{{{C0}; {C1}}}";

    /// <summary>ξ^(k(q^p−1)/6) for k = 0..5, computed once per p from the field itself rather than typed in.</summary>
    private static class FrobeniusCoefficients
    {
        private static readonly Bn254Fq2[][] Table = Build();

        public static Bn254Fq2[] Get(int power) => Table[power];

        private static Bn254Fq2[][] Build()
        {
            var q = Bn254FqParams.Modulus;
            var table = new Bn254Fq2[12][];
            for (int p = 0; p < 12; p++)
            {
                var e = (BigInteger.Pow(q, p) - 1) / 6;
                var g1 = FieldMath.Pow(Bn254Fq2.Xi, e);
                table[p] = new Bn254Fq2[6];
                table[p][0] = Bn254Fq2.One;
                for (int k = 1; k < 6; k++) table[p][k] = table[p][k - 1] * g1;
            }
            return table;
        }
    }
}
