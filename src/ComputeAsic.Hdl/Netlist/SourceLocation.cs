using System.Collections.Concurrent;
using System.Diagnostics;

namespace ComputeAsic.Hdl;

/// <summary>
/// The C# file and line that built a node, so every design-rule error points at the designer's code rather than at
/// the netlist. Paths are repository-relative (or bare file names) so messages are the same on every machine.
/// </summary>
public readonly record struct SourceLocation(string File, int Line)
{
    private static readonly ConcurrentDictionary<string, string> Normalized = new(StringComparer.Ordinal);
    private static readonly System.Reflection.Assembly HdlAssembly = typeof(SourceLocation).Assembly;

    /// <summary>No location known (the stack walk found no user frame).</summary>
    public static SourceLocation Unknown { get; } = new("<unknown>", 0);

    /// <summary>Whether stack walks are made for operator-built nodes; turn off to elaborate very large designs faster at the price of vaguer messages.</summary>
    public static bool CaptureOperatorLocations { get; set; } = true;

    /// <summary>Location from caller-info attributes, normalized.</summary>
    public static SourceLocation Of(string callerFilePath, int callerLineNumber) => new(Normalize(callerFilePath), callerLineNumber);

    /// <summary>Location of the first stack frame outside this assembly: how operators, which cannot take caller-info parameters, find their user.</summary>
    public static SourceLocation FromStack()
    {
        var trace = new StackTrace(1, true);
        for (int i = 0; i < trace.FrameCount; i++)
        {
            var frame = trace.GetFrame(i);
            var method = frame?.GetMethod();
            if (method?.DeclaringType?.Assembly == HdlAssembly) continue;
            string? file = frame?.GetFileName();
            if (file != null) return Of(file, frame!.GetFileLineNumber());
        }
        return Unknown;
    }

    internal static SourceLocation ForOperator() => CaptureOperatorLocations ? FromStack() : Unknown;

    /// <summary>Makes a compiler path repository-relative: strips a deterministic-build <c>/_/</c> prefix, or the directory holding the solution or .git.</summary>
    public static string Normalize(string path)
    {
        if (string.IsNullOrEmpty(path)) return "<unknown>";
        return Normalized.GetOrAdd(path, static p =>
        {
            string unix = p.Replace('\\', '/');
            if (unix.StartsWith("/_/", StringComparison.Ordinal)) return unix[3..];
            try
            {
                for (var dir = Path.GetDirectoryName(p); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
                {
                    if (Directory.Exists(Path.Combine(dir, ".git")) || System.IO.File.Exists(Path.Combine(dir, ".git"))
                        || Directory.EnumerateFiles(dir, "*.sln").Any())
                        return Path.GetRelativePath(dir, p).Replace('\\', '/');
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return Path.GetFileName(unix);
        });
    }

    /// <summary><c>file:line</c>, the form editors and CI logs link.</summary>
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>The design rules checked while a netlist is built and elaborated.</summary>
public enum DesignRule
{
    /// <summary>Operands, ports or connections of different widths.</summary>
    WidthMismatch,

    /// <summary>A constant that does not fit its width.</summary>
    ConstantRange,

    /// <summary>A cycle of purely combinational logic.</summary>
    CombinationalLoop,

    /// <summary>A wire or port read but never driven.</summary>
    Undriven,

    /// <summary>A wire or port driven twice.</summary>
    MultipleDrivers,

    /// <summary>Pipeline paths of different latency meeting in one operator, or a module whose outputs disagree with its declared latency.</summary>
    UnbalancedPipeline,

    /// <summary>A signal used in a module other than the one that built it, or a malformed construct.</summary>
    Structure,

    /// <summary>An input port nothing reads (a warning, not an error).</summary>
    UnusedInput,
}

/// <summary>A design-rule violation, naming the rule and the C# line that built the offending construct.</summary>
public sealed class HdlException : Exception
{
    /// <summary>Creates the error; the message reads <c>file:line: rule: detail</c>.</summary>
    public HdlException(DesignRule rule, SourceLocation location, string detail)
        : base($"{location}: {RuleName(rule)}: {detail}")
    {
        Rule = rule;
        Location = location;
        Detail = detail;
    }

    /// <summary>Which rule was broken, so tests and tools can tell errors apart.</summary>
    public DesignRule Rule { get; }

    /// <summary>Where the offending construct was built.</summary>
    public SourceLocation Location { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Detail { get; }

    /// <summary>Lower-case words of a rule for messages, e.g. <c>width mismatch</c>.</summary>
    public static string RuleName(DesignRule rule) => rule switch
    {
        DesignRule.WidthMismatch => "width mismatch",
        DesignRule.ConstantRange => "constant out of range",
        DesignRule.CombinationalLoop => "combinational loop",
        DesignRule.Undriven => "undriven",
        DesignRule.MultipleDrivers => "driven twice",
        DesignRule.UnbalancedPipeline => "unbalanced pipeline",
        DesignRule.UnusedInput => "unused input",
        _ => "structure",
    };
}
