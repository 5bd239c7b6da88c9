using System.Diagnostics;
using ComputeAsic.Tests.Shared;

namespace ComputeAsic.Cli.Tests;

/// <summary>
/// Issue 18's classes, each over every verb it applies to: outputs written safely in shared directories and committed
/// together, hostile or odd inputs rejected with exit 2 naming the file, pipes as inputs, sizes checked before memory.
/// </summary>
public sealed class HardeningTests : IDisposable
{
    private static readonly string Tiny = Path.Combine(TestRepo.Root, "..", "shared", "snarkjs", "cases", "tiny_mul");
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static string Example(string name) => Path.Combine(TestRepo.Root, "examples", name);

    /// <summary>Every verb that writes files, as (arguments with {0} for its one output path or {1} for a second, whether it writes a directory).</summary>
    public static TheoryData<string, string[]> Writers() => new()
    {
        { "msm", ["msm", "--input", Example("msm-bn254-256.json"), "--output", "{0}"] },
        { "ntt", ["ntt", "--input", Example("ntt-goldilocks-16.json"), "--output", "{0}"] },
        { "gen msm", ["gen", "msm", "--count", "4", "--output", "{0}"] },
        { "gen ntt", ["gen", "ntt", "--count", "8", "--output", "{0}"] },
        { "prove", ["prove", "--zkey", Path.Combine(Tiny, "circuit_final.zkey"), "--wtns", Path.Combine(Tiny, "witness.wtns"), "--proof", "{0}", "--public", "{1}"] },
        { "hdl sim --vcd", ["hdl", "sim", "--design", "counter", "--cycles", "20", "--vcd", "{0}"] },
        { "keys gen", ["keys", "gen", "--private", "{0}", "--public", "{1}", "--force"] },
        { "card regs", ["card", "regs", "--out", "{0}"] },
    };

    /// <summary>The writers whose input can be broken so that the run fails after its outputs were named (key generation and the register document read no input).</summary>
    public static TheoryData<string, string[]> BreakableWriters()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var row in Writers())
            if (row[0] is string verb && verb is not ("keys gen" or "card regs")) data.Add(verb, (string[])row[1]!);
        return data;
    }

    private static string[] Fill(string[] template, string first, string second) =>
        template.Select(a => a.Replace("{0}", first, StringComparison.Ordinal).Replace("{1}", second, StringComparison.Ordinal)).ToArray();

    /// <summary>The same run with its input broken (so it fails after the outputs were named).</summary>
    private static string[] Broken(string[] args, string bad)
    {
        var copy = args.ToArray();
        int i = Array.FindIndex(copy, a => a is "--input" or "--zkey");
        if (i >= 0) copy[i + 1] = bad;
        else if (copy[0] == "gen") copy[1] = "nonsense";
        else copy[Array.IndexOf(copy, "--design") + 1] = "no_such_design";
        return copy;
    }

    private string[] Leftovers() => Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Where(n => n!.StartsWith('.')).ToArray()!;

    [Theory]
    [MemberData(nameof(Writers))]
    public void LinksPlantedAtPredictableTemporaryNamesAreNeverFollowed(string verb, string[] template)
    {
        string victim = dir.Write("victim.txt", "precious");
        string first = dir.File("out1.json"), second = dir.File("out2.json");
        // The names a predictable scheme would use (the old one was .NAME.PID.tmp), for a range of process ids around ours.
        foreach (var name in new[] { "out1.json", "out2.json" })
            for (int pid = Environment.ProcessId - 50; pid < Environment.ProcessId + 50; pid++)
                File.CreateSymbolicLink(dir.File($".{name}.{pid}.tmp"), victim);
        var (code, _, err) = CliRunner.Run(Fill(template, first, second));
        Assert.True(code == 0, $"{verb}: {err}");
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.True(new FileInfo(first).LinkTarget == null, "the output must be a regular file");
        Assert.All(Leftovers(), n => Assert.EndsWith(".tmp", n));
        Assert.Equal(200, Leftovers().Length); // only the planted links: no temporary file of ours was left
    }

    [Theory]
    [MemberData(nameof(BreakableWriters))]
    public void AFailedRunLeavesEveryOutputUntouchedAndNoTemporaryFile(string verb, string[] template)
    {
        string first = dir.Write("out1.json", "old one"), second = dir.Write("out2.json", "old two");
        string bad = dir.Write("bad.json", "{\"curve\":\"bn254\",\"points\":[[\"1\",\"3\"]],\"scalars\":[\"1\"]}");
        var (code, _, err) = CliRunner.Run(Broken(Fill(template, first, second), bad));
        Assert.True(code == 2, $"{verb}: exit {code}: {err}");
        Assert.Single(err.Trim().Split('\n'));
        Assert.Equal("old one", File.ReadAllText(first));
        Assert.Equal("old two", File.ReadAllText(second));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void ProveWithOneBadOutputReplacesNeitherOutput()
    {
        string proof = dir.Write("p.json", "old proof");
        var (code, _, err) = CliRunner.Run("prove", "--zkey", Path.Combine(Tiny, "circuit_final.zkey"), "--wtns", Path.Combine(Tiny, "witness.wtns"),
            "--proof", proof, "--public", dir.File("nodir/pub.json"));
        Assert.Equal(2, code);
        Assert.Contains("nodir/pub.json", err);
        Assert.Equal("old proof", File.ReadAllText(proof));
        Assert.Empty(Leftovers());
    }

    [Theory]
    [InlineData("p.json", "p.json")]
    [InlineData("p.json", "./p.json")]
    [InlineData("p.json", "link.json")]
    public void TwoOutputsNamingOneFileAreAUsageError(string proof, string pub)
    {
        File.CreateSymbolicLink(dir.File("link.json"), dir.File("p.json"));
        var (code, _, err) = CliRunner.Run("prove", "--zkey", Path.Combine(Tiny, "circuit_final.zkey"), "--wtns", Path.Combine(Tiny, "witness.wtns"),
            "--proof", Path.Combine(dir.Path, proof), "--public", Path.Combine(dir.Path, pub));
        Assert.Equal(2, code);
        Assert.Contains("name the same file", err);
        Assert.False(File.Exists(dir.File("p.json")));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void OutputNamesUpToTheFileSystemLimitWork(string verb, string[] template)
    {
        string first = dir.File(new string('a', 250) + ".json"), second = dir.File(new string('b', 250) + ".json");
        var (code, _, err) = CliRunner.Run(Fill(template, first, second));
        Assert.True(code == 0, $"{verb}: {err}");
        Assert.True(File.Exists(first));
    }

    [Fact]
    public void EmittedHdlReplacesALinkPlantedAtItsNameInsteadOfFollowingIt()
    {
        string victim = dir.Write("victim.txt", "precious");
        string outDir = Directory.CreateDirectory(dir.File("hdl")).FullName;
        File.CreateSymbolicLink(Path.Combine(outDir, "counter_w8.vhd"), victim);
        var (code, output, err) = CliRunner.Run("hdl", "emit", "--design", "counter", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("counter_w8.vhd", output);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Null(new FileInfo(Path.Combine(outDir, "counter_w8.vhd")).LinkTarget);
        Assert.Empty(Directory.GetFiles(outDir, ".*"));
    }

    /// <summary>Inputs that are not a single well-formed JSON value: exit 2, one line naming the file and the place.</summary>
    public static TheoryData<string, byte[], string> BadJson() => new()
    {
        { "ntt", [.. "{\"field\":\"goldilocks\",\"values\":[\"1\",\"2\",\"3\",\""u8, 0xFF, .. "\"]}"u8], "invalid UTF-8 at byte 45" },
        { "ntt", [.. "{\"fi"u8, 0xC3, 0x28, .. "eld\":\"goldilocks\",\"values\":[\"1\"]}"u8], "invalid UTF-8 at byte 4" },
        { "msm", [.. "{\"curve\":\"bn254\",\""u8, 0xE2, 0x82, .. "x\":1,\"points\":[],\"scalars\":[]}"u8], "invalid UTF-8 at byte" },
        { "ntt", "{\"field\":\"goldilocks\",\"values\":[\"1\",\"2\"]} {\"field\":\"goldilocks\",\"values\":[\"1\",\"2\"]}"u8.ToArray(), "content after the top-level value" },
        { "msm", "{\"curve\":\"bn254\",\"points\":[],\"scalars\":[]}\n{\"curve\":\"bn254\"}"u8.ToArray(), "content after the top-level value" },
        { "ntt", "{\"field\":\"goldilocks\",\"values\":[\"1\",\"2\"]} x"u8.ToArray(), "content after the top-level value" },
        { "ntt", "{\"field\":\"goldilocks\",\"values\":[\"1\",\"2\"],\"values\":[\"1\",\"2\",\"3\",\"4\"]}"u8.ToArray(), "values: appears twice" },
        { "msm", "{\"curve\":\"bn254\",\"points\":[],\"scalars\":[],\"points\":[]}"u8.ToArray(), "points: appears twice" },
    };

    [Theory]
    [MemberData(nameof(BadJson))]
    public void MalformedJsonIsExitCode2NamingTheFile(string verb, byte[] content, string expected)
    {
        string input = dir.File("in.json");
        File.WriteAllBytes(input, content);
        var (code, _, err) = CliRunner.Run(verb, "--input", input, "--output", dir.File("out.json"));
        Assert.True(code == 2, $"exit {code}: {err}");
        Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith(input + ": ", err);
        Assert.Contains(expected, err);
    }

    [Theory]
    [InlineData("msm")]
    [InlineData("ntt")]
    [InlineData("prove")]
    public void ADirectoryOrAMissingFileAsInputIsNamedInTheToolsWords(string verb)
    {
        foreach (var (path, words) in new[] { (dir.Path, "is a directory"), (dir.File("missing.json"), "no such file") })
        {
            string[] args = verb == "prove"
                ? ["prove", "--zkey", path, "--wtns", "w", "--proof", dir.File("p.json"), "--public", dir.File("q.json")]
                : [verb, "--input", path, "--output", dir.File("o.json")];
            var (code, _, err) = CliRunner.Run(args);
            Assert.Equal(2, code);
            Assert.Equal($"{path}: {words}", err.Trim());
        }
    }

    [Theory]
    [InlineData("ntt")]
    [InlineData("msm")]
    public void AnOutputThatIsADirectoryIsNamedAsTheOutput(string verb)
    {
        string input = verb == "msm" ? Example("msm-bn254-256.json") : Example("ntt-goldilocks-16.json");
        var (code, _, err) = CliRunner.Run(verb, "--input", input, "--output", dir.Path);
        Assert.Equal(2, code);
        Assert.Equal($"{dir.Path}: is a directory", err.Trim());
    }

    [Theory]
    [InlineData("msm", "msm-bn254-256.json")]
    [InlineData("ntt", "ntt-goldilocks-16.json")]
    public async Task KernelVerbsReadFromAFifo(string verb, string example)
    {
        string fifo = dir.File("in.fifo");
        using (var mkfifo = Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        var writer = Task.Run(() => File.WriteAllBytes(fifo, File.ReadAllBytes(Example(example))));
        var (code, _, err) = CliRunner.Run(verb, "--input", fifo, "--output", dir.File("from-fifo.json"));
        await writer;
        Assert.True(code == 0, err);
        Assert.Equal(0, CliRunner.Run(verb, "--input", Example(example), "--output", dir.File("from-file.json")).Code);
        Assert.Equal(File.ReadAllText(dir.File("from-file.json")), File.ReadAllText(dir.File("from-fifo.json")));
    }

    [Theory]
    [InlineData("msm", "16777217", "exceeds the limit of 16777216")]
    [InlineData("msm", "2000000000", "exceeds the limit")]
    [InlineData("ntt", "134217728", "exceeds the limit of 67108864")]
    [InlineData("ntt", "2147483647", "exceeds the limit")]
    public void GenCountsAreCheckedBeforeMemoryIsReserved(string kind, string count, string expected)
    {
        var (code, _, err) = CliRunner.Run("gen", kind, "--count", count, "--output", dir.File("g.json"));
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.False(File.Exists(dir.File("g.json")));
    }

    [Theory]
    [InlineData("proof")]
    [InlineData("public")]
    [InlineData("vkey")]
    public void VerifyRefusesInvalidUtf8AsMalformedNotAsAnInvalidProof(string which)
    {
        var files = new Dictionary<string, string>
        {
            ["vkey"] = Path.Combine(Tiny, "verification_key.json"),
            ["proof"] = Path.Combine(Tiny, "proof.json"),
            ["public"] = Path.Combine(Tiny, "public.json"),
        };
        byte[] text = File.ReadAllBytes(files[which]);
        int quote = Array.IndexOf(text, (byte)'"', Array.IndexOf(text, (byte)'"') + 1); // inside the first string
        files[which] = dir.File(which + ".json");
        File.WriteAllBytes(files[which], [.. text[..quote], 0xC0, .. text[quote..]]);
        var (code, _, err) = CliRunner.Run("verify", "--vkey", files["vkey"], "--proof", files["proof"], "--public", files["public"]);
        Assert.Equal(2, code);
        Assert.Equal($"{files[which]}: invalid UTF-8 at byte {quote}", err.Trim());
    }

    /// <summary>The policy for non-canonical decimals, the same in every reader: leading zeros are read as the number they denote, as snarkjs and BigInt read them.</summary>
    [Fact]
    public void LeadingZerosDenoteTheSameNumberInEveryReader()
    {
        string plain = dir.Write("ntt.json", "{\"field\":\"babybear\",\"values\":[\"7\",\"0\",\"1\",\"2\"]}");
        string padded = dir.Write("ntt0.json", "{\"field\":\"babybear\",\"values\":[\"007\",\"00\",\"01\",\"0002\"]}");
        Assert.Equal(0, CliRunner.Run("ntt", "--input", plain, "--output", dir.File("a.json")).Code);
        Assert.Equal(0, CliRunner.Run("ntt", "--input", padded, "--output", dir.File("b.json")).Code);
        Assert.Equal(File.ReadAllText(dir.File("a.json")), File.ReadAllText(dir.File("b.json")));

        string msm = dir.Write("msm.json", "{\"curve\":\"bn254\",\"points\":[[\"01\",\"002\"]],\"scalars\":[\"0005\"]}");
        Assert.Equal(0, CliRunner.Run("msm", "--input", msm, "--output", dir.File("m.json")).Code);
        string five = dir.Write("msm5.json", "{\"curve\":\"bn254\",\"points\":[[\"1\",\"2\"]],\"scalars\":[\"5\"]}");
        Assert.Equal(0, CliRunner.Run("msm", "--input", five, "--output", dir.File("m5.json")).Code);
        Assert.Equal(File.ReadAllText(dir.File("m5.json")), File.ReadAllText(dir.File("m.json")));

        var publics = System.Text.Json.JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(Tiny, "public.json")))!;
        string pub = dir.Write("public.json", System.Text.Json.JsonSerializer.Serialize(publics.Select(p => "000" + p)));
        var (code, output, err) = CliRunner.Run("verify", "--vkey", Path.Combine(Tiny, "verification_key.json"), "--proof", Path.Combine(Tiny, "proof.json"), "--public", pub);
        Assert.True(code == 0, output + err);
    }
}

/// <summary>Interrupted runs (SIGINT, SIGTERM, SIGHUP) remove their temporary files and work directories: the command as a process.</summary>
public sealed class SignalTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    [InlineData(1)]
    public void AnInterruptedRunLeavesNoTemporaryFile(int signal)
    {
        // A waveform is written to its temporary file while the simulation runs: interrupt it half-way.
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "computeasic.dll"), "hdl", "sim", "--design", "counter", "--cycles", "2000000000", "--vcd", dir.File("w.vcd") })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Directory.GetFiles(dir.Path, ".computeasic-*.tmp").Length == 0 && DateTime.UtcNow < deadline && !p.HasExited) Thread.Sleep(20);
        Assert.True(Directory.GetFiles(dir.Path, ".computeasic-*.tmp").Length == 1, "the run never created its temporary waveform");
        Assert.Equal(0, Kill(p.Id, signal));
        Assert.True(p.WaitForExit(30_000), "the run ignored the signal");
        Assert.NotEqual(0, p.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [System.Runtime.InteropServices.DllImport("libc.so.6", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}

/// <summary><c>hdl sim</c> checks each cycle against the golden model as it is simulated: its memory does not grow with the cycle count.</summary>
public sealed class LongRunTests
{
    /// <summary>Peak resident kilobytes of a whole <c>hdl sim</c> process, polled from /proc until it exits.</summary>
    private static long PeakKilobytes(int cycles)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "computeasic.dll"), "hdl", "sim", "--design", "counter", "--cycles", cycles.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!p.HasExited)
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{p.Id}/status"))
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
            Thread.Sleep(10);
        }
        Assert.Equal(0, p.ExitCode);
        Assert.Contains($"{cycles - 1} checks passed", output.Result);
        return peak;
    }

    [Fact]
    public void MemoryIsFlatInTheCycleCount()
    {
        long small = PeakKilobytes(100_000), large = PeakKilobytes(1_600_000);
        // A kept trace costs over 100 bytes a cycle: 1.5 million more cycles would add well over 150 MB.
        Assert.True(large < small + 30_000, $"peak {small} KB at 100k cycles, {large} KB at 1.6M cycles");
    }
}
