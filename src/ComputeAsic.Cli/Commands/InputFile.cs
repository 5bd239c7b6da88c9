using ComputeAsic.Cli.Io;
using ComputeAsic.Math;

namespace ComputeAsic.Cli.Commands;

/// <summary>Reads input files (regular files, or pipes and FIFOs such as <c>/dev/stdin</c>), turning I/O failures into input errors that name the path.</summary>
public static class InputFile
{
    /// <summary>The file's bytes.</summary>
    public static byte[] ReadAll(string path)
    {
        Check(path);
        try
        {
            if (!AtomicFile.IsSpecial(path)) return File.ReadAllBytes(path);
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            return copy.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Unreadable(path, e);
        }
    }

    /// <summary>The file opened for one sequential read; a pipe or FIFO is read whole first, since the readers seek.</summary>
    public static Stream Open(string path)
    {
        Check(path);
        try
        {
            if (AtomicFile.IsSpecial(path)) return new MemoryStream(ReadAll(path), writable: false);
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Unreadable(path, e);
        }
    }

    /// <summary>Runs a parse step, prefixing any input error with the file's path.</summary>
    public static T Parse<T>(string path, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException($"{path}: {e.Message}", e);
        }
    }

    private static void Check(string path)
    {
        if (path.Length == 0) throw new InvalidInputException("empty input path");
        if (Directory.Exists(path)) throw new InvalidInputException($"{path}: is a directory");
    }

    /// <summary>An input error in the tool's words (the runtime's messages repeat the path and speak of access where a file is missing).</summary>
    private static InvalidInputException Unreadable(string path, Exception e) => new(e switch
    {
        FileNotFoundException => $"{path}: no such file",
        DirectoryNotFoundException => $"{path}: no such file or directory",
        UnauthorizedAccessException => $"{path}: permission denied",
        _ => $"{path}: cannot read: {e.Message.Replace($"'{System.IO.Path.GetFullPath(path)}'", "it", StringComparison.Ordinal).Replace($"'{path}'", "it", StringComparison.Ordinal)}",
    }, e);
}
