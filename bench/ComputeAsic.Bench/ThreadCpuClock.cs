using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace ComputeAsic.Bench;

/// <summary>
/// A BenchmarkDotNet clock that reads the calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), so
/// figures taken on a machine shared with other busy processes are not inflated by the time they hold the core.
/// Elsewhere it reports itself unavailable and BenchmarkDotNet keeps its wall clock.
/// </summary>
public sealed partial class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTime = 3;

    /// <summary>The shared instance.</summary>
    public static readonly ThreadCpuClock Instance = new();

    /// <inheritdoc/>
    public string Title => "ThreadCpuTime";

    /// <inheritdoc/>
    public bool IsAvailable => OperatingSystem.IsLinux();

    /// <inheritdoc/>
    public Frequency Frequency => Frequency.GHz;

    /// <inheritdoc/>
    public long GetTimestamp() => Now();

    /// <summary>Thread CPU time in nanoseconds.</summary>
    public static long Now()
    {
        clock_gettime(ClockThreadCpuTime, out var ts);
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clock, out TimeSpec time);
}
