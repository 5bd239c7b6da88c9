using System.Runtime.InteropServices;

namespace ComputeAsic.Cli.Io;

/// <summary>Writes one output file through an exclusive temporary sibling and a rename, so a failed run never leaves a half-written or clobbered file.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> (see <see cref="OutputSet"/> for links, devices and pipes).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var set = new OutputSet(("output", path));
        set.Write(path, write);
        set.Commit();
    }

    /// <summary>Whether an existing path, links followed, is something other than a regular file, from its stat mode (Linux on x64 or arm64; elsewhere false).</summary>
    internal static unsafe bool IsSpecial(string path)
    {
        int modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24, // struct stat: st_dev, st_ino, st_nlink (8 bytes each), then st_mode
            Architecture.Arm64 => 16, // the generic layout: st_dev, st_ino, then st_mode
            _ => -1,
        };
        if (!OperatingSystem.IsLinux() || modeOffset < 0) return false;
        byte* buffer = stackalloc byte[256];
        if (Stat(path, buffer) != 0) return false;
        const uint TypeMask = 0xF000, Regular = 0x8000;
        return (*(uint*)(buffer + modeOffset) & TypeMask) != Regular;
    }

    [DllImport("libc.so.6", EntryPoint = "stat", CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern unsafe int Stat(string path, byte* buffer);
}
