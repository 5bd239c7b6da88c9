using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ComputeAsic.Math.Memory;

/// <summary>
/// Page-mapping hints for large buffers. On a virtual machine each first touch of a fresh 4 KiB page is a costly fault
/// (about 15 µs measured here, a third of that when populated in bulk), which for one-shot jobs is a visible share of the
/// run. Every call is a no-op where the kernel or libc does not support it.
/// </summary>
public static unsafe class Pages
{
    /// <summary>Bytes in a transparent huge page on x86-64.</summary>
    public const int HugePage = 2 << 20;

    private const int MadvHugePage = 14, MadvPopulateWrite = 23;
    private static volatile bool populateUnsupported, hugeUnsupported;

    /// <summary>Maps the pages of [address, address+length) in one call before they are written.</summary>
    public static void Prefault(void* address, long length)
    {
        if (!populateUnsupported && !Advise(address, length, MadvPopulateWrite)) populateUnsupported = true;
    }

    /// <summary>Prefaults elements [first, first+count) of an array (see <see cref="Prefault(void*, long)"/>).</summary>
    public static void Prefault<T>(T[] array, long first, long count)
    {
        long size = Unsafe.SizeOf<T>();
        fixed (byte* p = &Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(array))) Prefault(p + first * size, count * size);
    }

    /// <summary>
    /// Allocates <paramref name="length"/> bytes aligned for transparent huge pages when that large (one fault per 2 MiB
    /// instead of 512) and prefaulted; free with <see cref="NativeMemory.AlignedFree"/>.
    /// </summary>
    public static void* AllocateLarge(long length)
    {
        nuint size = (nuint)System.Math.Max(1, length);
        bool huge = length >= HugePage;
        void* p = NativeMemory.AlignedAlloc(huge ? (size + HugePage - 1) & ~(nuint)(HugePage - 1) : size, huge ? (nuint)HugePage : 64);
        if (huge && !hugeUnsupported && !Advise(p, length, MadvHugePage)) hugeUnsupported = true;
        Prefault(p, length);
        return p;
    }

    private static bool Advise(void* address, long length, int advice)
    {
        if (!OperatingSystem.IsLinux() || length <= 0) return true;
        const long Page = 4096;
        long lo = (long)address & ~(Page - 1), hi = ((long)address + length + Page - 1) & ~(Page - 1);
        try
        {
            // Fails on kernels without the advice (EINVAL); the pages are then simply faulted in by the writes.
            return Madvise((nint)lo, (nuint)(hi - lo), advice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "madvise")] // the full name: "libc" sends the loader through a dozen failing paths first
    private static extern int Madvise(nint address, nuint length, int advice);
}
