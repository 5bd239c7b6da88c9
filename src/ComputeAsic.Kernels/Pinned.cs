using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ComputeAsic.Kernels;

/// <summary>A span's memory by address, so worker threads (which cannot capture spans) can share a caller's buffer without copying it.</summary>
/// <remarks>Valid only inside the <see cref="Pinned"/> call that made it; the memory is pinned for exactly that call.</remarks>
public readonly unsafe struct PinnedSpan<T>
{
    private readonly T[]? array;
    private readonly nint address;

    internal PinnedSpan(T[]? array, nint address, int length)
    {
        this.array = array;
        this.address = address;
        Length = length;
    }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>The elements.</summary>
    public Span<T> Span => array ?? new Span<T>((void*)address, Length);
}

/// <summary>Pins caller spans for parallel kernels; element types holding references go through a copy instead.</summary>
public static unsafe class Pinned
{
    /// <summary>Calls <paramref name="body"/> with the span pinned (or copied and written back when T holds references).</summary>
    public static R With<T, R>(Span<T> span, Func<PinnedSpan<T>, R> body) => Core(span, body, writeBack: true);

    /// <summary>Read-only form of <see cref="With{T, R}(Span{T}, Func{PinnedSpan{T}, R})"/>; the callee must not write.</summary>
    public static R With<T, R>(ReadOnlySpan<T> span, Func<PinnedSpan<T>, R> body)
        => Core(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(span), span.Length), body, writeBack: false);

    private static R Core<T, R>(Span<T> span, Func<PinnedSpan<T>, R> body, bool writeBack)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            var copy = span.ToArray();
            R r = body(new PinnedSpan<T>(copy, 0, copy.Length));
            if (writeBack) copy.CopyTo(span);
            return r;
        }
        fixed (byte* p = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(span)))
        {
            return body(new PinnedSpan<T>(null, (nint)p, span.Length));
        }
    }

    /// <summary>Splits [0, count) into about <paramref name="parts"/> contiguous ranges run in parallel (inline when one part).</summary>
    public static void ForRanges(int count, int parts, Action<int, int> body)
    {
        parts = System.Math.Max(1, System.Math.Min(parts, count));
        if (parts == 1)
        {
            body(0, count);
            return;
        }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
        {
            int lo = (int)((long)count * p / parts), hi = (int)((long)count * (p + 1) / parts);
            if (lo < hi) body(lo, hi);
        });
    }
}
