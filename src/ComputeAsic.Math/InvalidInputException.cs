namespace ComputeAsic.Math;

/// <summary>Bad user input (a value, a file, a size); callers map it to exit code 2 with <see cref="Exception.Message"/> naming where.</summary>
public class InvalidInputException : Exception
{
    /// <summary>Creates the error; <paramref name="message"/> should start with the location, e.g. <c>points[17]: not on curve bn254</c>.</summary>
    public InvalidInputException(string message) : base(message) { }

    /// <summary>Creates the error keeping the cause for <c>--verbose</c>.</summary>
    public InvalidInputException(string message, Exception inner) : base(message, inner) { }
}
