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
}
