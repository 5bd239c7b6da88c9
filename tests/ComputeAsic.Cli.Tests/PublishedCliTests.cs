using ComputeAsic.Tests.Shared;

namespace ComputeAsic.Cli.Tests;

/// <summary>Publishes the command once (scripts/build-cli.sh, when out/cli is missing) for <see cref="PublishedCliTests"/>.</summary>
public sealed class PublishedCli
{
    private static readonly string Root = TestRepo.Root;

    /// <summary>The published Native AOT command.</summary>
    public string Command { get; } = Path.Combine(Root, "out", "cli", "computeasic");

    public PublishedCli()
    {
        if (File.Exists(Command) && File.Exists(Path.Combine(Root, "out", "cli", "jit", "computeasic"))) return;
        var (code, output, errors) = TestRepo.Run(Path.Combine(Root, "scripts", "build-cli.sh"), [], TimeSpan.FromMinutes(15));
        Assert.True(code == 0 && File.Exists(Command), "scripts/build-cli.sh failed: " + output + errors);
    }

    public static string Shared(params string[] parts) => Path.Combine([Root, "..", "shared", .. parts]);

    public static string Example(string name) => Path.Combine(Root, "examples", name);

    /// <summary>Runs the published command: (exit code, stdout, stderr).</summary>
    public (int Code, string Out, string Err) Cli(params string[] args) => TestRepo.Run(Command, args, TimeSpan.FromMinutes(5));
}

/// <summary>
/// The published command (Native AOT, scripts/build-cli.sh) gives the same results, errors and exit codes as the
/// in-process CLI, and hands the <c>hdl</c> verbs to its JIT sibling.
/// </summary>
public sealed class PublishedCliTests(PublishedCli published) : IClassFixture<PublishedCli>, IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void IsNativeAndPrintsTheVersion()
    {
        Assert.False(File.Exists(published.Command + ".dll"), "out/cli should hold a Native AOT executable, not a managed one");
        var (code, output, _) = published.Cli("--version");
        Assert.Equal(0, code);
        Assert.Equal(CliApp.Version, output.Trim());
    }

    [Theory]
    [InlineData("msm", "msm-bn254-256.json")]
    [InlineData("ntt", "ntt-goldilocks-16.json")]
    public void KernelVerbsMatchTheInProcessCli(string verb, string example)
    {
        string ours = dir.File("published.json"), reference = dir.File("in-process.json");
        var (code, _, err) = published.Cli(verb, "--input", PublishedCli.Example(example), "--output", ours);
        Assert.True(code == 0, err);
        Assert.Equal(0, CliRunner.Run(verb, "--input", PublishedCli.Example(example), "--output", reference).Code);
        Assert.Equal(File.ReadAllText(reference), File.ReadAllText(ours));
    }

    /// <summary>Standard output here is a pipe: the result streams into it, and the pipe is not replaced by a file.</summary>
    [Fact]
    public void WritesToStandardOutputThroughDevStdout()
    {
        string reference = dir.File("in-process.json");
        Assert.Equal(0, CliRunner.Run("ntt", "--input", PublishedCli.Example("ntt-goldilocks-16.json"), "--output", reference).Code);
        var (code, output, err) = published.Cli("ntt", "--input", PublishedCli.Example("ntt-goldilocks-16.json"), "--output", "/dev/stdout");
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllText(reference), output);
    }

    [Fact]
    public void BadInputGivesTheSameErrorAndExitCode()
    {
        string job = dir.Write("bad.json", "{\"curve\":\"bn254\",\"points\":[[\"1\",\"2\"],[\"1\",\"3\"]],\"scalars\":[\"1\",\"2\"]}");
        var (code, _, err) = published.Cli("msm", "--input", job, "--output", dir.File("o.json"));
        var (refCode, _, refErr) = CliRunner.Run("msm", "--input", job, "--output", dir.File("o.json"));
        Assert.Equal(2, code);
        Assert.Equal(refCode, code);
        Assert.Equal(refErr, err);
        Assert.Contains("points[1]: not on curve bn254", err);
        Assert.False(File.Exists(dir.File("o.json")));
    }

    [Fact]
    public void ProvesTheReferenceProofAndVerifiesIt()
    {
        string Case(string f) => PublishedCli.Shared("snarkjs", "cases", "tiny_mul", f);
        string proof = dir.File("proof.json"), pub = dir.File("public.json");
        var (code, _, err) = published.Cli("prove", "--zkey", Case("circuit_final.zkey"), "--wtns", Case("witness.wtns"),
            "--proof", proof, "--public", pub, "--deterministic");
        Assert.True(code == 0, err);
        Assert.Equal(Normalize(File.ReadAllText(Case("proof_r0s0_reference.json"))), Normalize(File.ReadAllText(proof)));
        Assert.Equal(0, published.Cli("verify", "--vkey", Case("verification_key.json"), "--proof", proof, "--public", pub).Code);
    }

    [Fact]
    public void HandsHdlVerbsToTheJitBuild()
    {
        var (code, output, err) = published.Cli("hdl", "sim", "--design", "counter", "--cycles", "50");
        Assert.True(code == 0, err);
        Assert.Contains("checks passed", output);
        Assert.Equal(2, published.Cli("hdl", "sim", "--design", "no_such_design").Code);
    }

    /// <summary>The published command's hdl verb runs in its JIT sibling; killing the parent outright (SIGKILL) must not leave the child running.</summary>
    [Fact]
    public void TheForwardedChildDiesWithItsParent()
    {
        var psi = new System.Diagnostics.ProcessStartInfo(published.Command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "hdl", "sim", "--design", "counter", "--cycles", "2000000000" }) psi.ArgumentList.Add(a);
        using var parent = System.Diagnostics.Process.Start(psi)!;
        int child = 0;
        for (int i = 0; i < 200 && child == 0; i++)
        {
            Thread.Sleep(50);
            child = Children(parent.Id).FirstOrDefault();
        }
        Assert.True(child != 0, "the JIT sibling was not started");
        parent.Kill(entireProcessTree: false);
        parent.WaitForExit();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Directory.Exists($"/proc/{child}") && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.False(Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Contains(") Z ", StringComparison.Ordinal),
            $"child {child} outlived its killed parent");
    }

    /// <summary>Process ids whose parent is <paramref name="pid"/> (from /proc).</summary>
    private static IEnumerable<int> Children(int pid)
    {
        foreach (var d in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(d), out int id)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(d, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == pid) yield return id;
        }
    }

    /// <summary>NSec's native libsodium works in the Native AOT command: keys, signing and verification; pack goes to the JIT build.</summary>
    [Fact]
    public void SignsAndVerifiesPackagesNatively()
    {
        Directory.CreateDirectory(dir.File("trust"));
        var (code, _, err) = published.Cli("keys", "gen", "--private", dir.File("k.key"), "--public", dir.File("trust/k.pub"));
        Assert.True(code == 0, err);
        byte[] bits = new byte[4096];
        new Random(1).NextBytes(bits);
        bits[4] = 0x7E; bits[5] = 0xAA; bits[6] = 0x99; bits[7] = 0x7E;   // the iCE40 sync word pack looks for
        File.WriteAllBytes(dir.File("fake.bin"), bits);
        (code, _, err) = published.Cli("bitstream", "pack", "--board", "icebreaker", "--bitstream", dir.File("fake.bin"), "--out", dir.File("p.capkg"));
        Assert.True(code == 0, err);
        Assert.Equal(1, published.Cli("bitstream", "verify", "--package", dir.File("p.capkg"), "--trust", dir.File("trust")).Code);
        Assert.Equal(0, published.Cli("bitstream", "sign", "--package", dir.File("p.capkg"), "--key", dir.File("k.key")).Code);
        var (ok, output, _) = published.Cli("bitstream", "verify", "--package", dir.File("p.capkg"), "--trust", dir.File("trust"), "--board", "icebreaker");
        Assert.Equal(0, ok);
        Assert.Contains("ok: signed by", output);
        Assert.Equal(1, published.Cli("bitstream", "verify", "--package", dir.File("p.capkg"), "--trust", dir.File("trust"), "--board", "alveo-u250").Code);
    }

    private static string Normalize(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetRawText().Replace(" ", "").Replace("\n", "");
}
