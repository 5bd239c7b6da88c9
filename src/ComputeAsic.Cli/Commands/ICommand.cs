using CommandLine;

namespace ComputeAsic.Cli.Commands;

/// <summary>A verb's options class that can run itself; every verb implements this so <see cref="CliApp"/> needs no list of verbs.</summary>
public interface ICommand
{
    /// <summary>Runs the verb and returns its exit code; throws <see cref="Math.InvalidInputException"/> or <see cref="UsageException"/> for exit code 2.</summary>
    int Execute(CommandContext context);
}

/// <summary>Where a command writes; the console in production, string writers in tests.</summary>
public sealed record CommandContext(TextWriter Out, TextWriter Err);

/// <summary>Options every verb has.</summary>
public abstract class CommandOptions
{
    /// <summary>Show stack traces and extra detail on failure.</summary>
    [Option("verbose", HelpText = "Print stack traces and extra detail on failure.")]
    public bool Verbose { get; set; }
}

/// <summary>Bad usage the parser cannot see (conflicting options, an unknown design name); exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Marks a verb as a sub-verb of a group: <c>computeasic GROUP VERB</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class VerbGroupAttribute(string group) : Attribute
{
    /// <summary>The group's verb, e.g. <c>hdl</c>.</summary>
    public string Group { get; } = group;
}

/// <summary>A top-level placeholder for a verb group so it shows in the help; running it prints the group's help.</summary>
public abstract class GroupVerb
{
    /// <summary>The group's name.</summary>
    public abstract string Group { get; }
}

/// <summary>An example command line shown at the top of a verb's help, under its usage line; every verb has one.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class VerbExampleAttribute(string example) : Attribute
{
    /// <summary>A complete command line that works from the repository root.</summary>
    public string Example { get; } = example;
}
