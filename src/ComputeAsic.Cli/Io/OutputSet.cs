using System.Security.Cryptography;
using ComputeAsic.Cli.Commands;
using ComputeAsic.Math;

namespace ComputeAsic.Cli.Io;

/// <summary>
/// The output files of one run, checked before any work and committed together: each is written to a temporary sibling
/// with an unguessable name, created exclusively (so a link planted in a shared directory is never followed), and all are
/// renamed into place only after every one was written. A failure or a signal before that leaves every existing output
/// untouched and no temporary file behind. A symbolic link keeps pointing at its target, which receives the result; a
/// device or pipe (<c>/dev/stdout</c>, <c>/dev/null</c>, a FIFO) is written in place at commit, since renaming over it
/// would replace the node with a plain file.
/// </summary>
public sealed class OutputSet : IDisposable
{
    private readonly Dictionary<string, Target> _targets = new(StringComparer.Ordinal);
    private readonly List<Target> _order = [];

    private sealed class Target(string option, string path, string final, bool special)
    {
        public string Option { get; } = option;
        public string Path { get; } = path;
        public string Final { get; } = final;
        public bool Special { get; } = special;
        public string? Temp { get; set; }
        public Action<Stream>? Deferred { get; set; }
    }

    /// <summary>Checks every output (option name, path) before the run does any work: its directory exists, it is not a directory, and no two name the same file.</summary>
    public OutputSet(params (string Option, string Path)[] outputs)
    {
        foreach (var (option, path) in outputs)
        {
            var target = Resolve(option, path);
            if (_order.FirstOrDefault(t => t.Final == target.Final) is { } other)
                throw new UsageException($"--{other.Option} and --{option} name the same file {path}");
            _order.Add(target);
            _targets[path] = target;
        }
    }

    private static Target Resolve(string option, string path)
    {
        if (path.Length == 0) throw new UsageException($"--{option}: empty path");
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new InvalidInputException($"{path}: is a directory");
        bool special = false;
        if (File.Exists(full))
        {
            // /dev/stdout of a process whose output goes to a file is a link to that file: write it in place too.
            special = AtomicFile.IsSpecial(full) || full is "/dev/stdout" or "/dev/stderr" || full.StartsWith("/dev/fd/", StringComparison.Ordinal)
                || full.StartsWith("/proc/", StringComparison.Ordinal);
            if (!special) full = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        string dir = System.IO.Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir)) throw new InvalidInputException($"{path}: directory {dir} does not exist");
        return new Target(option, path, full, special);
    }

    /// <summary>Writes the output declared for <paramref name="path"/> to its temporary file (a device or pipe: at commit).</summary>
    public void Write(string path, Action<Stream> write)
    {
        if (!_targets.TryGetValue(path, out var t)) throw new InvalidOperationException($"{path} was not declared as an output");
        if (t.Special)
        {
            t.Deferred = write;
            return;
        }
        using var fs = OpenTemp(t);
        write(fs);
        fs.Flush(flushToDisk: false);
    }

    /// <summary>A stream on the output's temporary file, for writers that stream while the run goes on (a waveform); the file is renamed at <see cref="Commit"/>.</summary>
    public Stream Open(string path)
    {
        if (!_targets.TryGetValue(path, out var t)) throw new InvalidOperationException($"{path} was not declared as an output");
        return t.Special ? InPlace(t) : OpenTemp(t);
    }

    /// <summary>
    /// A device or pipe opened for writing; the process's own standard output or error is used through its descriptor, so
    /// output redirected to a file continues at its current offset instead of overwriting it from the start.
    /// </summary>
    private static Stream InPlace(Target t) => t.Path switch
    {
        "/dev/stdout" or "/dev/fd/1" or "/proc/self/fd/1" => Console.OpenStandardOutput(),
        "/dev/stderr" or "/dev/fd/2" or "/proc/self/fd/2" => Console.OpenStandardError(),
        _ => new FileStream(t.Final, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16),
    };

    private static FileStream OpenTemp(Target t)
    {
        string dir = System.IO.Path.GetDirectoryName(t.Final) ?? ".";
        // Short enough for any output name up to the file system's limit; CreateNew is O_CREAT | O_EXCL, which follows no link.
        string temp = System.IO.Path.Combine(dir, $".computeasic-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}.tmp");
        FileStream stream;
        try
        {
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{t.Path}: permission denied (cannot create a file in {dir})");
        }
        // Tracked only once it is ours: a name that somehow existed already is never removed.
        TempFiles.Track(temp);
        t.Temp = temp;
        return stream;
    }

    /// <summary>Renames every written output into place (devices and pipes are written now).</summary>
    public void Commit()
    {
        foreach (var t in _order)
            if (t.Temp == null && !t.Special) throw new InvalidOperationException($"{t.Path} was declared but not written");
        foreach (var t in _order)
        {
            if (t.Temp == null) continue;
            File.Move(t.Temp, t.Final, overwrite: true);
            TempFiles.Untrack(t.Temp);
            t.Temp = null;
        }
        foreach (var t in _order)
        {
            if (t.Deferred == null) continue;
            using var direct = InPlace(t);
            t.Deferred(direct);
            direct.Flush();
        }
    }

    /// <summary>Removes temporary files of a run that did not commit.</summary>
    public void Dispose()
    {
        foreach (var t in _order)
            if (t.Temp != null) TempFiles.Remove(t.Temp);
    }
}
