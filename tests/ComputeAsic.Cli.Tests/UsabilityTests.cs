using System.Reflection;
using CommandLine;
using ComputeAsic.Cli.Commands;

namespace ComputeAsic.Cli.Tests;

/// <summary>Help per verb, suggestions on typos, allowed values listed, stray arguments refused: over every verb.</summary>
public class UsabilityTests
{
    public static TheoryData<string> Verbs() => CliBehaviourTests.Verbs();

    /// <summary>Verbs that run (not the group placeholders such as <c>hdl</c>, whose help is their verb list).</summary>
    public static TheoryData<string> RunnableVerbs()
    {
        var data = new TheoryData<string>();
        foreach (string v in CliBehaviourTests.Verbs())
            if (!IsGroup(v)) data.Add(v);
        return data;
    }

    private static Type VerbType(string verb)
    {
        var words = verb.Split(' ');
        return CliApp.VerbTypes.Single(t => t.GetCustomAttribute<VerbAttribute>()!.Name == words[^1]
            && t.GetCustomAttribute<VerbGroupAttribute>()?.Group == (words.Length == 2 ? words[0] : null));
    }

    private static bool IsGroup(string verb) => typeof(GroupVerb).IsAssignableFrom(VerbType(verb));

    [Theory]
    [MemberData(nameof(Verbs))]
    public void HelpVerbShowsThatVerbsHelp(string verb)
    {
        var words = verb.Split(' ');
        string[] asHelp = words.Length == 2 ? [words[0], "help", words[1]] : ["help", words[0]];
        var (code, output, err) = CliRunner.Run(asHelp);
        Assert.True(code == 0, err);
        Assert.Equal(CliRunner.Run([.. words, "--help"]).Out, output);
    }

    [Theory]
    [MemberData(nameof(RunnableVerbs))]
    public void EachVerbsHelpStartsWithItsUsageAndAnExample(string verb)
    {
        var (_, output, _) = CliRunner.Run([.. verb.Split(' '), "--help"]);
        var lines = output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        Assert.StartsWith($"Usage: computeasic {verb}", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("Example: computeasic " + verb, StringComparison.Ordinal));
        foreach (var (_, option) in VerbType(verb).GetProperties().Select(p => (p, o: p.GetCustomAttribute<OptionAttribute>())).Where(x => x.o != null))
            Assert.Contains("--" + option!.LongName, output);
    }

    [Theory]
    [MemberData(nameof(RunnableVerbs))]
    public void AStrayPositionalArgumentIsAUsageError(string verb)
    {
        var type = VerbType(verb);
        // Enough to parse: each required option with a plausible value, each positional filled.
        var args = new List<string>(verb.Split(' '));
        foreach (var p in type.GetProperties().Where(p => p.GetCustomAttribute<ValueAttribute>() != null)) args.Add("msm");
        foreach (var (p, o) in type.GetProperties().Select(p => (p, o: p.GetCustomAttribute<OptionAttribute>())).Where(x => x.o is { Required: true }))
            args.AddRange(["--" + o!.LongName, "x"]);
        args.Add("stray-word");
        var (code, _, err) = CliRunner.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains("unexpected argument 'stray-word'", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(new[] { "nt" }, "unknown verb 'nt' (did you mean ntt?)")]
    [InlineData(new[] { "mms" }, "(did you mean msm?)")]
    [InlineData(new[] { "hdl", "emti" }, "unknown verb 'emti' (did you mean emit?)")]
    [InlineData(new[] { "msm", "--inptu", "a", "--output", "b" }, "unknown option --inptu (did you mean --input?)")]
    [InlineData(new[] { "prove", "--zkye", "a" }, "(did you mean --zkey?)")]
    [InlineData(new[] { "hdl", "sim", "--design", "countr" }, "unknown design (did you mean counter?)")]
    [InlineData(new[] { "hdl", "synth", "--design", "counter", "--target", "xc7" }, "--target: expected xcup, ice40")]
    [InlineData(new[] { "hdl", "emit", "--design", "counter", "--lang", "vhd", "--out", "x" }, "--lang: expected vhdl, verilog")]
    [InlineData(new[] { "hdl", "cosim", "--design", "counter", "--tool", "vcs" }, "expected ghdl, verilator or icarus")]
    [InlineData(new[] { "gen", "msm", "--count", "many", "--output", "x" }, "--count: expected an integer")]
    public void TyposGetTheNearestNameAndBadValuesTheAllowedOnes(string[] args, string expected)
    {
        var (code, _, err) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains(expected, err);
    }

    [Fact]
    public void ErrorsDoNotRepeatAPathOrSpeakTheRuntimesWords()
    {
        using var dir = new TempDir();
        foreach (var args in new[]
        {
            new[] { "msm", "--input", dir.Path, "--output", dir.File("o.json") },
            ["ntt", "--input", dir.File("missing.json"), "--output", dir.File("o.json")],
            ["ntt", "--input", "examples/ntt-goldilocks-16.json", "--output", dir.Path],
            ["zkey", "info", dir.Path],
        })
        {
            var (code, _, err) = CliRunner.Run(args);
            Assert.Equal(2, code);
            Assert.DoesNotContain("Access to the path", err);
            Assert.DoesNotContain("Could not find", err);
            string path = args.First(a => a.StartsWith(dir.Path, StringComparison.Ordinal));
            Assert.Equal(1, (err.Length - err.Replace(path, "", StringComparison.Ordinal).Length) / path.Length);
        }
    }
}
