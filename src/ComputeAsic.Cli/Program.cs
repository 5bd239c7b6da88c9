namespace ComputeAsic.Cli;

/// <summary>Entry point of the <c>computeasic</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code (0 ok, 2 bad usage or input, 1 other failure).</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
