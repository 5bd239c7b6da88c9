using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Memory;

namespace ComputeAsic.Kernels.Msm;

/// <summary>Affine coordinates without an identity flag: for a 256-bit field exactly one 64-byte cache line.</summary>
public struct XY<F>
    where F : struct, IField<F>
{
    /// <summary>x.</summary>
    public F X;

    /// <summary>y.</summary>
    public F Y;
}

/// <summary>
/// Scratch affine points for batch-affine bucket sums: coordinates in cache-line-aligned native memory (a point of a 256-bit
/// field is one line, where a managed array would split most points over two; huge pages where the kernel allows, so a
/// one-shot job does not fault each 4 KiB page in) and the identity flags in an array of their own.
/// </summary>
public sealed unsafe class AffineSlots<F> : IDisposable
    where F : struct, IField<F>
{
    private void* memory;

    /// <summary>Room for <paramref name="capacity"/> points.</summary>
    public AffineSlots(int capacity)
    {
        Length = capacity;
        memory = Pages.AllocateLarge((long)capacity * Unsafe.SizeOf<XY<F>>());
        Zero = new bool[capacity];
    }

    /// <summary>Frees the memory if <see cref="Dispose"/> was not called.</summary>
    ~AffineSlots() => Free();

    /// <summary>Number of slots.</summary>
    public int Length { get; }

    /// <summary>Whether slot i holds the identity (its coordinates are then meaningless).</summary>
    public bool[] Zero { get; }

    /// <summary>The coordinates.</summary>
    public Span<XY<F>> Points
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            ObjectDisposedException.ThrowIf(memory == null, this);
            return new(memory, Length);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (memory == null) return;
        NativeMemory.AlignedFree(memory);
        memory = null;
    }
}
