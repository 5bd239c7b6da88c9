using System.Numerics;

namespace ComputeAsic.Math.Fields;

/// <summary>Algorithms written once over <see cref="IField{T}"/>: powers, batch inversion, square roots, roots of unity.</summary>
public static class FieldMath
{
    /// <summary>x^e for an exponent given as little-endian 64-bit limbs (4-bit fixed window).</summary>
    public static T Pow<T>(T x, ReadOnlySpan<ulong> exponent) where T : struct, IField<T>
    {
        var buffer = default(PowTable<T>);
        Span<T> table = buffer;
        table[0] = T.One;
        for (int i = 1; i < 16; i++) table[i] = table[i - 1] * x;
        T acc = T.One;
        bool started = false;
        for (int limb = exponent.Length - 1; limb >= 0; limb--)
        {
            ulong e = exponent[limb];
            for (int shift = 60; shift >= 0; shift -= 4)
            {
                if (started)
                {
                    acc = acc.Square().Square().Square().Square();
                }
                int nib = (int)((e >> shift) & 0xF);
                if (nib != 0)
                {
                    acc = started ? acc * table[nib] : table[nib];
                    started = true;
                }
            }
        }
        return acc;
    }

    /// <summary>x^e for a non-negative integer exponent.</summary>
    public static T Pow<T>(T x, BigInteger exponent) where T : struct, IField<T>
    {
        if (exponent.Sign < 0) throw new ArgumentOutOfRangeException(nameof(exponent), "negative exponent");
        int limbs = (int)((exponent.GetBitLength() + 63) / 64);
        Span<ulong> l = stackalloc ulong[System.Math.Max(1, limbs)];
        Limbs.FromBigInteger(exponent, l);
        return Pow(x, l);
    }

    /// <summary>Inverts every element in place with one field inversion (Montgomery's trick); zeros stay zero.</summary>
    public static void BatchInverse<T>(Span<T> values) where T : struct, IField<T>
    {
        if (values.IsEmpty) return;
        T[] prefix = new T[values.Length];
        BatchInverse(values, prefix);
    }

    /// <summary>Batch inversion with caller-provided scratch of the same length, so hot loops do not allocate.</summary>
    public static void BatchInverse<T>(Span<T> values, Span<T> scratch) where T : struct, IField<T>
    {
        if (scratch.Length < values.Length) throw new ArgumentException("scratch too short", nameof(scratch));
        T acc = T.One;
        for (int i = 0; i < values.Length; i++)
        {
            scratch[i] = acc;
            if (!values[i].IsZero) acc *= values[i];
        }
        T inv = acc.Inverse();
        for (int i = values.Length - 1; i >= 0; i--)
        {
            if (values[i].IsZero) continue;
            T v = values[i];
            values[i] = inv * scratch[i];
            inv *= v;
        }
    }

    /// <summary>The primitive 2^logN-th root of unity g^((p-1)/2^logN) fixed by the field's generator.</summary>
    public static T RootOfUnity<T>(int logN) where T : struct, IPrimeField<T>
    {
        if (logN < 0 || logN > T.TwoAdicity)
            throw new ArgumentOutOfRangeException(nameof(logN), $"{T.Name} has two-adicity {T.TwoAdicity}; no root of order 2^{logN}");
        return Pow(T.MultiplicativeGenerator, (T.Modulus - 1) >> logN);
    }

    /// <summary>The two nontrivial cube roots of unity w, w² of a prime field (endomorphisms φ(x, y) = (w·x, y) come from them).</summary>
    public static T[] CubeRootsOfUnity<T>() where T : struct, IPrimeField<T>
    {
        if ((T.Modulus - 1) % 3 != 0) throw new InvalidOperationException($"{T.Name} has no cube roots of unity");
        for (long g = 2; ; g++)
        {
            T w = Pow(T.FromInt(g), (T.Modulus - 1) / 3);
            if (w != T.One) return [w, w.Square()];
        }
    }

    /// <summary>Square root by Tonelli-Shanks (one exponentiation when p ≡ 3 mod 4).</summary>
    public static bool TrySqrt<T>(T a, out T root) where T : struct, IPrimeField<T>
    {
        if (a.IsZero)
        {
            root = T.Zero;
            return true;
        }
        var c = SqrtConstants<T>.Instance;
        if (c.S == 1)
        {
            root = Pow(a, c.PPlus1Over4);
            return root.Square() == a;
        }
        // Tonelli-Shanks with z a fixed non-residue.
        int m = c.S;
        T z = c.RootOfUnity;
        T t = Pow(a, c.Q);
        T r = Pow(a, c.QPlus1Over2);
        while (!(t == T.One))
        {
            int i = 0;
            T t2 = t;
            while (!(t2 == T.One))
            {
                t2 = t2.Square();
                i++;
                if (i == m)
                {
                    root = default;
                    return false;
                }
            }
            T b = z;
            for (int k = 0; k < m - i - 1; k++) b = b.Square();
            m = i;
            z = b.Square();
            t *= z;
            r *= b;
        }
        root = r;
        return true;
    }

    /// <summary>Whether a is a square (Euler's criterion).</summary>
    public static bool IsSquare<T>(T a) where T : struct, IPrimeField<T>
        => a.IsZero || Pow(a, (T.Modulus - 1) >> 1) == T.One;

    [System.Runtime.CompilerServices.InlineArray(16)]
    private struct PowTable<T>
    {
        private T element;
    }

    private sealed class SqrtConstants<T> where T : struct, IPrimeField<T>
    {
        public static readonly SqrtConstants<T> Instance = new();
        public readonly int S;
        public readonly BigInteger Q, QPlus1Over2, PPlus1Over4;
        public readonly T RootOfUnity;

        private SqrtConstants()
        {
            var p = T.Modulus;
            S = Limbs.TwoAdicity(p - 1);
            Q = (p - 1) >> S;
            QPlus1Over2 = (Q + 1) / 2;
            PPlus1Over4 = (p + 1) / 4;
            // z^Q for the smallest non-residue z has order exactly 2^S.
            long zi = 2;
            while (IsSquare(T.FromInt(zi))) zi++;
            RootOfUnity = Pow(T.FromInt(zi), Q);
        }
    }
}
