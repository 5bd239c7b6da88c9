using ComputeAsic.Math.Fields;

namespace ComputeAsic.Kernels.Ntt;

/// <summary>In-place number-theoretic transforms in natural order, with ω = g^((p-1)/n) of the field's generator g.</summary>
public interface INttEngine
{
    /// <summary>Short name for logs and reports.</summary>
    string Name { get; }

    /// <summary>X_k = Σ_j x_j·ω^(jk).</summary>
    void Forward<T>(Span<T> values) where T : struct, IPrimeField<T>;

    /// <summary>x_j = (1/n)·Σ_k X_k·ω^(-jk).</summary>
    void Inverse<T>(Span<T> values) where T : struct, IPrimeField<T>;

    /// <summary>Evaluates on the coset shift·⟨ω⟩: X_k = Σ_j x_j·shift^j·ω^(jk) (the prover's H step).</summary>
    void ForwardCoset<T>(Span<T> values, T shift) where T : struct, IPrimeField<T>
    {
        T s = T.One;
        for (int j = 0; j < values.Length; j++)
        {
            values[j] *= s;
            s *= shift;
        }
        Forward(values);
    }

    /// <summary>Inverse of <see cref="ForwardCoset"/>: interpolates from evaluations on shift·⟨ω⟩.</summary>
    void InverseCoset<T>(Span<T> values, T shift) where T : struct, IPrimeField<T>
    {
        Inverse(values);
        T inv = shift.Inverse(), s = T.One;
        for (int j = 0; j < values.Length; j++)
        {
            values[j] *= s;
            s *= inv;
        }
    }
}
