using System.Diagnostics;
using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Bitstreams.Flows;
using ComputeAsic.Bitstreams.Packages;
using ComputeAsic.Bitstreams.Tops;
using Xunit.Abstractions;

namespace ComputeAsic.Bitstreams.Tests;

/// <summary>Builds the iCEBreaker's default top once through the CLI: Yosys, nextpnr-ice40, icepack (about 10 s on 2 cores).</summary>
public sealed class IceBreakerBuild : IDisposable
{
    public TempDir Dir { get; } = new();

    public (int Code, string Out, string Err) Result { get; }

    public TimeSpan Elapsed { get; }

    public IceBreakerBuild()
    {
        var sw = Stopwatch.StartNew();
        Result = Fixtures.Cli("bitstream", "build", "--board", "icebreaker", "--out", Dir.File("build"));
        Elapsed = sw.Elapsed;
    }

    public void Dispose() => Dir.Dispose();
}

/// <summary>The open iCE40 flow end to end: a real bitstream, its Fmax and utilisation, its package verified and a one-bit change refused.</summary>
public sealed class OpenFlowTests(IceBreakerBuild build, ITestOutputHelper output) : IClassFixture<IceBreakerBuild>
{
    [Fact]
    public void BuildsARealBitstreamAndPrintsItsPathLast()
    {
        var (code, stdout, err) = build.Result;
        output.WriteLine($"bitstream build --board icebreaker: {build.Elapsed.TotalSeconds:0.0} s\n{stdout}");
        Assert.True(code == 0, err + stdout);
        string last = stdout.TrimEnd().Split('\n')[^1];
        Assert.Equal(build.Dir.File("build/icebreaker.bin"), last);
        byte[] bits = File.ReadAllBytes(last);
        Assert.Equal(104090, bits.Length);   // the UP5K's bitstream size is fixed by the part
        Assert.True(bits.AsSpan(0, 64).IndexOf((ReadOnlySpan<byte>)[0x7E, 0xAA, 0x99, 0x7E]) >= 0, "no iCE40 sync word");
        Assert.Matches(@"timing: Fmax \d+\.\d\d MHz for clock clk, target 12\.00 MHz: met", stdout);
        Assert.Matches(@"ICESTORM_DSP\s+7 of\s+8", stdout);   // the BabyBear multiplier's seven 16x16 tiles
        var record = BuildRecord.TryRead(build.Dir.File("build/build.json"))!;
        Assert.True(record.AchievedMhz > 12);
        Assert.Contains("nextpnr-ice40", record.Tools.Keys);
        Assert.Contains("nextpnr-ice40 --up5k --package sg48", File.ReadAllText(build.Dir.File("build/build.sh")));
        Assert.Contains("set_io rx 6", File.ReadAllText(build.Dir.File("build/board.pcf")));
    }

    [Fact]
    public void ItsPackageVerifiesAndAOneBitChangeIsRefused()
    {
        Assert.Equal(0, build.Result.Code);
        var (key, trust) = Fixtures.Keys(build.Dir, "ci");
        string pkg = build.Dir.File("icebreaker.capkg");
        var pack = Fixtures.Cli("bitstream", "pack", "--board", "icebreaker", "--bitstream", build.Dir.File("build/icebreaker.bin"), "--out", pkg);
        Assert.True(pack.Code == 0, pack.Err);
        Assert.Equal(1, Fixtures.Cli("bitstream", "verify", "--package", pkg, "--trust", trust).Code);   // unsigned
        Assert.Equal(0, Fixtures.Cli("bitstream", "sign", "--package", pkg, "--key", key).Code);
        var ok = Fixtures.Cli("bitstream", "verify", "--package", pkg, "--trust", trust, "--board", "icebreaker");
        Assert.True(ok.Code == 0, ok.Err);
        var inspect = Fixtures.Cli("bitstream", "inspect", "--package", pkg);
        Assert.Matches(@"place and route reached \d+(\.\d+)? MHz", inspect.Out);
        var m = Manifest.Parse(PackageFile.Read(pkg).ManifestJson);
        var board = BoardCatalog.Find("icebreaker");
        Assert.Equal(TopLevel.Resolve(board, null).Hash, m.DesignHash);

        byte[] file = File.ReadAllBytes(pkg);
        int payloadAt = PackageFile.Magic.Length + 12 + PackageFile.Parse(file).ManifestJson.Length + 12;
        file[payloadAt + 50000] ^= 0x10;
        string bad = build.Dir.File("flipped.capkg");
        File.WriteAllBytes(bad, file);
        var refused = Fixtures.Cli("bitstream", "verify", "--package", bad, "--trust", trust);
        Assert.Equal(1, refused.Code);
        Assert.Contains("changed after signing", refused.Err);
        Assert.Equal(2, Fixtures.Cli("bitstream", "verify", "--package", pkg, "--trust", build.Dir.File("no-such-dir")).Code);
    }

    [Fact]
    public void FailsWhenTimingIsNotMet()
    {
        // A one-bit counter on made-up pins builds in about a second; no iCE40 runs it at 2 GHz.
        var board = BoardCatalog.Find("icebreaker") with
        {
            Pins = [new("clk", "35", null, "clock"), new("rst", "10", null, "button"), new("en", "11", null, "x"), new("count", "37", null, "led")],
        };
        var top = TopLevel.Resolve(board, "counter", ["width=1"]);
        using var dir = new TempDir();
        var e = Assert.Throws<TimingNotMetException>(() => OpenFlow.Build(board, top, dir.Path, targetMhz: 2000));
        Assert.Matches(@"timing not met on icebreaker: nextpnr reaches \d+\.\d\d MHz for clock 'clk', the board needs 2000 MHz", e.Message);
        var fine = OpenFlow.Build(board, top, dir.Path);
        Assert.True(fine.Ran && fine.FmaxMhz > 12 && File.Exists(fine.Output));
    }

    [Fact]
    public void AToplevelPortWithoutAPinIsAnInputError()
    {
        var board = BoardCatalog.Find("icebreaker");
        var e = Assert.Throws<Math.InvalidInputException>(() => OpenFlow.Constraints(board, TopLevel.Resolve(board, "counter")));
        Assert.Contains("port 'rst' has no pin on board icebreaker", e.Message);
    }

    [Fact]
    public void ReadsNextpnrsReport()
    {
        const string json = """
            {"utilization": {"ICESTORM_LC": {"available": 5280, "used": 679}, "ICESTORM_DSP": {"available": 8, "used": 7}},
             "fmax": {"clk$SB_IO_IN_$glb_clk": {"achieved": 25.72, "constraint": 12.0}, "other": {"achieved": 1.0, "constraint": 12.0}}}
            """;
        var (fmax, use) = OpenFlow.ParseReport(json, "clk");
        Assert.Equal(25.72, fmax);
        Assert.Contains(new Utilisation("ICESTORM_DSP", 7, 8), use);
        Assert.Throws<InvalidOperationException>(() => OpenFlow.ParseReport("""{"fmax": {}}""", "clk"));
    }

    [Fact]
    public void TheEcp5FlowIsWrittenWhenItsToolsAreAbsent()
    {
        using var dir = new TempDir();
        var (code, stdout, err) = Fixtures.Cli("bitstream", "build", "--board", "ulx3s-85f", "--out", dir.Path);
        Assert.True(code == 0, err);
        string script = File.ReadAllText(dir.File("build.sh"));
        Assert.Contains("nextpnr-ecp5 --85k --package CABGA381 --speed 6", script);
        Assert.Contains("--lpf board.lpf --freq 25", script);
        Assert.Contains("ecppack --compress top.config top.bit", script);
        Assert.Contains("LOCATE COMP \"rx\" SITE \"M1\";", File.ReadAllText(dir.File("board.lpf")));
        Assert.Equal(0, Shell("sh", "-n", dir.File("build.sh")));
        if (Hdl.Tools.ToolRunner.Find("nextpnr-ecp5") == null)
        {
            Assert.Equal(dir.File("build.sh"), stdout.TrimEnd().Split('\n')[^1]);
            Assert.Contains("not installed here: nextpnr-ecp5", stdout);
        }
    }

    internal static int Shell(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode;
    }
}
