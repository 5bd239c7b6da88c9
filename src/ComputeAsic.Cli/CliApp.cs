using System.Reflection;
using CommandLine;
using CommandLine.Text;
using ComputeAsic.Cli.Commands;
using ComputeAsic.Math;

namespace ComputeAsic.Cli;

/// <summary>Parses verbs (including grouped ones such as <c>hdl emit</c>) and maps failures to exit codes in one place.</summary>
public static class CliApp
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Ok = 0;

    /// <summary>Exit code of any failure that is not the user's input.</summary>
    public const int Failure = 1;

    /// <summary>Exit code of bad usage or bad input.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// Every verb class, named here rather than found by scanning the assembly, so the Native AOT build keeps them and
    /// start-up skips the scan; a test checks the list against the assembly.
    /// </summary>
    public static Type[] VerbTypes { get; } =
    [
        typeof(GenCommand), typeof(MsmCommand), typeof(NttCommand), typeof(ProveCommand), typeof(VerifyCommand),
        typeof(ZkeyGroupVerb), typeof(ZkeyInfoCommand), typeof(R1csGroupVerb), typeof(R1csInfoCommand),
        typeof(HdlGroupVerb), typeof(HdlListCommand), typeof(HdlEmitCommand), typeof(HdlSimCommand),
        typeof(HdlCosimCommand), typeof(HdlSynthCommand), typeof(HdlBenchCommand),
        typeof(BoardsCommand), typeof(KeysGroupVerb), typeof(KeysGenCommand),
        typeof(BitstreamGroupVerb), typeof(BitstreamBuildCommand), typeof(BitstreamPackCommand), typeof(BitstreamSignCommand),
        typeof(BitstreamInspectCommand), typeof(BitstreamVerifyCommand), typeof(BitstreamFlashCommand),
        typeof(CardGroupVerb), typeof(CardRegsCommand),
    ];

    /// <summary>Runs one command line with the given output streams, so tests can call it in-process.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var all = VerbTypes;
        string? group = args.Length > 0 ? all.Select(t => t.GetCustomAttribute<VerbGroupAttribute>()?.Group)
            .FirstOrDefault(g => g == args[0]) : null;
        var verbs = all.Where(t => t.GetCustomAttribute<VerbGroupAttribute>()?.Group == group)
            .OrderBy(t => t.GetCustomAttribute<VerbAttribute>()!.Name, StringComparer.Ordinal)
            .ToArray();
        string[] rest = group == null ? args : args[1..];
        string program = group == null ? "computeasic" : "computeasic " + group;
        // "help VERB" and "GROUP help VERB" show that verb's options.
        if (rest.Length >= 2 && rest[0] == "help") return Run([.. group == null ? [] : new[] { group }, .. rest[1..], "--help"], stdout, stderr);

        using var parser = new Parser(s =>
        {
            s.HelpWriter = null;
            s.CaseSensitive = true;
            s.CaseInsensitiveEnumValues = true;
            s.AutoVersion = true;
            s.AllowMultiInstance = true;
        });
        var result = parser.ParseArguments(rest, verbs);
        if (result is NotParsed<object> notParsed)
        {
            var help = HelpText.AutoBuild(result, h =>
            {
                h.Heading = program + " " + Version;
                h.Copyright = string.Empty;
                h.AddDashesToOption = true;
                var current = result.TypeInfo.Current;
                if (current == typeof(NullInstance)) h.AddPostOptionsLine($"Run '{program} help VERB' (or '{program} VERB --help') for the options of a verb.");
                else if (current.GetCustomAttribute<VerbAttribute>() != null)
                {
                    h.AddPreOptionsLine("Usage: " + CliErrors.Usage(program, current));
                    if (current.GetCustomAttribute<VerbExampleAttribute>() is { } ex) h.AddPreOptionsLine("Example: " + ex.Example);
                }
                return HelpText.DefaultParsingErrorsHandler(result, h);
            }, e => e, verbsIndex: true);
            bool asked = notParsed.Errors.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError or ErrorType.VersionRequestedError);
            if (asked)
            {
                stdout.WriteLine(notParsed.Errors.Any(e => e.Tag == ErrorType.VersionRequestedError) ? Version : help.ToString());
                return Ok;
            }
            var current = notParsed.TypeInfo.Current;
            string verb = current.GetCustomAttribute<VerbAttribute>()?.Name is { } v ? $"{program} {v}" : program;
            var names = verbs.Select(t => t.GetCustomAttribute<VerbAttribute>()!.Name).ToList();
            var messages = notParsed.Errors.Select(e => CliErrors.Describe(e, current == typeof(NullInstance) ? null : current, names))
                .Where(m => m.Length > 0).Distinct();
            stderr.WriteLine($"{verb}: {string.Join("; ", messages)} (see {verb} --help)");
            return BadInput;
        }

        var options = ((Parsed<object>)result).Value;
        if (CliErrors.StrayArgument(options.GetType(), rest[1..]) is { } stray)
        {
            string name = $"{program} {options.GetType().GetCustomAttribute<VerbAttribute>()!.Name}";
            stderr.WriteLine($"{name}: unexpected argument '{stray}' (see {name} --help)");
            return BadInput;
        }
        bool verbose = options is CommandOptions co && co.Verbose;
        try
        {
            if (options is GroupVerb g) return Run([g.Group, "--help"], stdout, stderr);
            return ((ICommand)options).Execute(new CommandContext(stdout, stderr));
        }
        catch (InvalidInputException e)
        {
            stderr.WriteLine(verbose ? e.ToString() : e.Message);
            return BadInput;
        }
        catch (UsageException e)
        {
            stderr.WriteLine(verbose ? e.ToString() : e.Message);
            return BadInput;
        }
        catch (Signing.KeyFileException e)
        {
            stderr.WriteLine(verbose ? e.ToString() : e.Message);
            return BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine(verbose ? e.ToString() : $"error: {e.Message}");
            return Failure;
        }
    }

    /// <summary>The tool's version, printed by <c>--version</c> and in emitted-file headers.</summary>
    public static string Version => typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
