using System.Runtime.InteropServices;

namespace ComputeAsic.Cli.Io;

/// <summary>Writes an output file through a temporary sibling and a rename, so a failed run never leaves a half-written or clobbered file.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Calls <paramref name="write"/> on a temporary file next to <paramref name="path"/>, then renames it into place. A symbolic
    /// link is followed (its target is replaced, the link kept); a device or pipe (<c>/dev/stdout</c>, <c>/dev/null</c>, a FIFO) is
    /// written in place, since renaming over it would replace the device node with a plain file.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new Math.InvalidInputException($"{path}: is a directory");
        if (File.Exists(full))
        {
            if (IsSpecial(full))
            {
                using var direct = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
                write(direct);
                direct.Flush(flushToDisk: false);
                return;
            }
            full = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        string dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir)) throw new Math.InvalidInputException($"{path}: directory does not exist");
        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: false);
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Whether an existing path, links followed, is something other than a regular file, from its stat mode (Linux on x64 or arm64; elsewhere false).</summary>
    private static unsafe bool IsSpecial(string path)
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
