using ComputeAsic.Math;

namespace ComputeAsic.Cli.Commands;

/// <summary>Reads an input file whole, turning I/O failures into input errors that name the path.</summary>
public static class InputFile
{
    /// <summary>The file's bytes.</summary>
    public static byte[] ReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidInputException($"{path}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>The file opened for one sequential read (large buffer, no caching hints needed).</summary>
    public static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidInputException($"{path}: cannot read: {e.Message}", e);
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
}
