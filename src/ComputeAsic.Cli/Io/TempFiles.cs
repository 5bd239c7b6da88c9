using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ComputeAsic.Cli.Io;

/// <summary>Temporary files and work directories of this process, removed when it is interrupted (SIGINT, SIGTERM, SIGHUP) as well as on normal paths.</summary>
public static class TempFiles
{
    private static readonly ConcurrentDictionary<string, bool> Live = new(StringComparer.Ordinal);
    private static readonly List<PosixSignalRegistration> Handlers = [];

    /// <summary>Removes tracked files and directories on SIGINT, SIGTERM and SIGHUP, then lets the signal end the process as usual; called once by the command's entry point.</summary>
    public static void RemoveOnSignals()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            Handlers.Add(PosixSignalRegistration.Create(signal, _ => RemoveAll()));
    }

    /// <summary>Tracks a temporary file (false) or work directory (true).</summary>
    public static void Track(string path, bool directory = false) => Live[path] = directory;

    /// <summary>Stops tracking a path that became a real output.</summary>
    public static void Untrack(string path) => Live.TryRemove(path, out _);

    /// <summary>Deletes a tracked path now and stops tracking it.</summary>
    public static void Remove(string path)
    {
        if (!Live.TryRemove(path, out bool directory)) return;
        Delete(path, directory);
    }

    /// <summary>A new temporary work directory, removed on signals until <see cref="Remove"/>.</summary>
    public static string WorkDirectory(string prefix)
    {
        string dir = Directory.CreateTempSubdirectory(prefix).FullName;
        Track(dir, directory: true);
        return dir;
    }

    internal static void RemoveAll()
    {
        foreach (var (path, directory) in Live.ToArray()) Remove(path);
    }

    private static void Delete(string path, bool directory)
    {
        try
        {
            if (directory) Directory.Delete(path, recursive: true);
            else File.Delete(path);
        }
        catch (IOException)
        {
            // Already gone or busy: nothing more to do on the way out.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
