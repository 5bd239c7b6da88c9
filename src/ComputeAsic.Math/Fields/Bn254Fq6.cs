namespace ComputeAsic.Math.Fields;

/// <summary>BN254 Fq6 = Fq2[v]/(v³ − ξ), ξ = 9 + u: the middle of the pairing's tower (the same tower snarkjs and EIP-197 use).</summary>
public readonly struct Bn254Fq6 : IField<Bn254Fq6>
{
    /// <summary>Coefficient of 1.</summary>
    public readonly Bn254Fq2 C0;

    /// <summary>Coefficient of v.</summary>
    public readonly Bn254Fq2 C1;

    /// <summary>Coefficient of v².</summary>
    public readonly Bn254Fq2 C2;

    /// <summary>c0 + c1·v + c2·v².</summary>
    public Bn254Fq6(Bn254Fq2 c0, Bn254Fq2 c1, Bn254Fq2 c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }

    /// <inheritdoc/>
    public static Bn254Fq6 Zero => default;

    /// <inheritdoc/>
    public static Bn254Fq6 One => new(Bn254Fq2.One, Bn254Fq2.Zero, Bn254Fq2.Zero);

    /// <inheritdoc/>
    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    /// <inheritdoc/>
    public static Bn254Fq6 FromInt(long value) => new(Bn254Fq2.FromInt(value), Bn254Fq2.Zero, Bn254Fq2.Zero);

    /// <inheritdoc/>
    public static Bn254Fq6 operator +(Bn254Fq6 a, Bn254Fq6 b) => new(a.C0 + b.C0, a.C1 + b.C1, a.C2 + b.C2);

    /// <inheritdoc/>
    public static Bn254Fq6 operator -(Bn254Fq6 a, Bn254Fq6 b) => new(a.C0 - b.C0, a.C1 - b.C1, a.C2 - b.C2);

    /// <inheritdoc/>
    public static Bn254Fq6 operator -(Bn254Fq6 a) => new(-a.C0, -a.C1, -a.C2);

    /// <summary>Karatsuba over three coefficients (6 Fq2 products).</summary>
    public static Bn254Fq6 operator *(Bn254Fq6 a, Bn254Fq6 b)
    {
        Bn254Fq2 t0 = a.C0 * b.C0, t1 = a.C1 * b.C1, t2 = a.C2 * b.C2;
        Bn254Fq2 c0 = t0 + ((a.C1 + a.C2) * (b.C1 + b.C2) - t1 - t2).MulByXi();
        Bn254Fq2 c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - t0 - t1 + t2.MulByXi();
        Bn254Fq2 c2 = (a.C0 + a.C2) * (b.C0 + b.C2) - t0 - t2 + t1;
        return new(c0, c1, c2);
    }

    /// <summary>Product with an Fq2 element.</summary>
    public Bn254Fq6 Scale(Bn254Fq2 k) => new(C0 * k, C1 * k, C2 * k);

    /// <summary>this·v = ξc2 + c0·v + c1·v².</summary>
    public Bn254Fq6 MulByV() => new(C2.MulByXi(), C0, C1);

    /// <inheritdoc/>
    public Bn254Fq6 Square() => this * this;

    /// <inheritdoc/>
    public Bn254Fq6 Double() => new(C0.Double(), C1.Double(), C2.Double());

    /// <summary>The inverse by the adjugate over Fq2; zero maps to zero.</summary>
    public Bn254Fq6 Inverse()
    {
        Bn254Fq2 a = C0.Square() - (C1 * C2).MulByXi();
        Bn254Fq2 b = C2.Square().MulByXi() - C0 * C1;
        Bn254Fq2 c = C1.Square() - C0 * C2;
        Bn254Fq2 f = C0 * a + (C2 * b + C1 * c).MulByXi();
        Bn254Fq2 fi = f.Inverse();
        return new(a * fi, b * fi, c * fi);
    }

    /// <inheritdoc/>
    public bool Equals(Bn254Fq6 other) => C0 == other.C0 && C1 == other.C1 && C2 == other.C2;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Bn254Fq6 o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);

    /// <inheritdoc/>
    public static bool operator ==(Bn254Fq6 a, Bn254Fq6 b) => a.Equals(b);

    /// <inheritdoc/>
    public static bool operator !=(Bn254Fq6 a, Bn254Fq6 b) => !a.Equals(b);

    /// <summary>The three coefficients.</summary>
    public override string ToString() => $"[{C0}; {C1}; {C2}]";
}
