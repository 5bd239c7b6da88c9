using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Bitstreams.Packages;
using ComputeAsic.Hdl.Tools;
using ComputeAsic.Signing;

namespace ComputeAsic.Bitstreams.Tests;

/// <summary>The boards, keys and flash verbs: listings, key files, and flashing that verifies first and reports a missing board.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void BoardsListsOneBoardALineNameFirst()
    {
        var (code, stdout, _) = Fixtures.Cli("boards");
        Assert.Equal(0, code);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(BoardCatalog.All.Select(b => b.Name), lines.Select(l => l.Split("  ")[0]));
        Assert.Contains(lines, l => l.StartsWith("icebreaker  iCE40UP5K  12 MHz", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("LFE5U-85F", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("aws-f1  xcvu9p", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("alveo-u250  xcu250", StringComparison.Ordinal) && l.Contains("xilinx_u250_gen3x16_xdma", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("alveo-u55c  xcu55c", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryBoardIsCompleteAndItsDefaultTopHasItsPins()
    {
        foreach (var b in BoardCatalog.All)
        {
            Assert.NotEmpty(b.Clocks);
            Assert.False(string.IsNullOrWhiteSpace(b.Shell.Identity));
            Assert.False(string.IsNullOrWhiteSpace(b.DefaultTopWhy));
            var top = Tops.TopLevel.Resolve(b, null);
            if (b.IsOpenFlow) Assert.StartsWith("# " + b.Name, Flows.OpenFlow.Constraints(b, top));
            Assert.Equal(b.Flash == FlashTool.OpenFpgaLoader, b.LoaderBoard != null);
        }
        Assert.Equal(BoardCatalog.All.Count, BoardCatalog.All.Select(b => b.Name).Distinct().Count());
        Assert.Equal(2, Fixtures.Cli("bitstream", "build", "--board", "nope", "--out", _dir.Path).Code);
    }

    [Fact]
    public void KeysGenWritesAPrivateKeyOnlyTheOwnerReadsAndRefusesToOverwriteIt()
    {
        string k = _dir.File("k.pem"), p = _dir.File("k.pub");
        var (code, stdout, err) = Fixtures.Cli("keys", "gen", "--private", k, "--public", p);
        Assert.True(code == 0, err);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(k));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(p));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(k));
        using var key = Ed25519Keys.LoadPrivate(k);
        Assert.Equal(Ed25519Keys.LoadPublic(p), key.Public);
        Assert.Contains(key.Public.Fingerprint, stdout);
        byte[] before = File.ReadAllBytes(k);
        Assert.Equal(2, Fixtures.Cli("keys", "gen", "--private", k, "--public", p).Code);
        Assert.Equal(before, File.ReadAllBytes(k));
        Assert.Equal(0, Fixtures.Cli("keys", "gen", "--private", k, "--public", p, "--force").Code);
        Assert.NotEqual(before, File.ReadAllBytes(k));
        Assert.Equal(2, Fixtures.Cli("bitstream", "sign", "--package", k, "--key", k).Code);   // not a package
    }

    private string SignedPackage(string board, byte[] payload, string key)
    {
        string pkg = _dir.File(board + ".capkg");
        using var k = Ed25519Keys.LoadPrivate(key);
        File.WriteAllBytes(pkg, Fixtures.Package(board, payload).SignedBy(k).ToBytes());
        return pkg;
    }

    [Fact]
    public void FlashDryRunVerifiesAndPrintsTheExactCommands()
    {
        var (key, trust) = Fixtures.Keys(_dir, "p");
        string pkg = SignedPackage("icebreaker", Fixtures.FakeIce40Bitstream(), key);
        var (code, stdout, err) = Fixtures.Cli("bitstream", "flash", "--package", pkg, "--trust", trust, "--device", "/dev/ttyUSB7", "--dry-run");
        Assert.True(code == 0, err);
        string payload = _dir.File("icebreaker.icebreaker.bin");
        Assert.Contains($"  openFPGALoader -b ice40_generic -d /dev/ttyUSB7 {payload}\n", stdout);
        Assert.Equal(Fixtures.FakeIce40Bitstream(), File.ReadAllBytes(payload));

        string u250 = SignedPackage("alveo-u250", [.. "xclbin2\0"u8, 1, 2, 3], key);
        stdout = Fixtures.Cli("bitstream", "flash", "--package", u250, "--trust", trust, "--device", "0000:65:00.1", "--dry-run").Out;
        Assert.Contains($"  xbutil program --device 0000:65:00.1 --user {_dir.File("alveo-u250.alveo-u250.xclbin")}\n", stdout);

        string f1 = SignedPackage("aws-f1", Packer.AfiReference("afi-06fb2f1b4f0e8e9a3", "agfi-0f0e045f919413242"), key);
        stdout = Fixtures.Cli("bitstream", "flash", "--package", f1, "--trust", trust, "--dry-run").Out;
        Assert.Contains("  fpga-load-local-image -S 0 -I agfi-0f0e045f919413242\n  fpga-describe-local-image -S 0 -R -H\n", stdout);
    }

    [Fact]
    public void FlashRefusesWhatVerifyRefusesWithoutRunningTheLoader()
    {
        var (key, _) = Fixtures.Keys(_dir, "p");
        var (_, otherTrust) = Fixtures.Keys(_dir, "q");
        string pkg = SignedPackage("icebreaker", Fixtures.FakeIce40Bitstream(), key);
        var (code, stdout, err) = Fixtures.Cli("bitstream", "flash", "--package", pkg, "--trust", otherTrust);
        Assert.Equal(1, code);
        Assert.Contains("not in the trust store", err);
        Assert.Contains("not flashed", err);
        Assert.DoesNotContain("openFPGALoader", stdout);
        Assert.False(File.Exists(_dir.File("icebreaker.icebreaker.bin")));
    }

    [Fact]
    public void FlashRunsTheRealOpenFpgaLoaderAndReportsTheMissingBoard()
    {
        Assert.True(ToolRunner.Find("openFPGALoader") != null, "openFPGALoader is not installed (scripts/install-tools.sh installs it)");
        var (key, trust) = Fixtures.Keys(_dir, "p");
        string pkg = SignedPackage("icebreaker", Fixtures.FakeIce40Bitstream(), key);
        var (code, stdout, err) = Fixtures.Cli("bitstream", "flash", "--package", pkg, "--trust", trust);
        Assert.Equal(1, code);
        Assert.Contains("running: openFPGALoader -b ice40_generic", stdout);
        Assert.Matches("(?i)(ftdi|cable|usb|not found|error)", stdout[stdout.IndexOf("running:", StringComparison.Ordinal)..].Split('\n', 2)[1]);   // what the loader itself printed
        Assert.Contains("flash: openFPGALoader failed (exit", err);
        Assert.Contains("not flashed", err);
        Assert.Contains($"  openFPGALoader -b ice40_generic {_dir.File("icebreaker.icebreaker.bin")}", stdout);
    }

    [Fact]
    public void FlashWithoutTheLoaderInstalledPrintsTheCommands()
    {
        Assert.Null(ToolRunner.Find("xbutil"));   // XRT is not on these machines
        var (key, trust) = Fixtures.Keys(_dir, "p");
        string pkg = SignedPackage("alveo-u55c", [.. "xclbin2\0"u8, 9], key);
        var (code, stdout, err) = Fixtures.Cli("bitstream", "flash", "--package", pkg, "--trust", trust);
        Assert.Equal(1, code);
        Assert.Contains("xbutil is not installed here; not flashed", err);
        Assert.Contains("  xbutil program --user ", stdout);
    }
}

/// <summary>The identity check after flashing, with a stand-in for the driver's reader.</summary>
public class IdentityCheckTests
{
    private sealed class Card(string? hash) : Flash.IIdentityReader
    {
        public string? ReadDesignHash(Board board, string? device) => hash;
    }

    [Fact]
    public void PassesOnlyWhenTheCardReportsThePackagesDesignHash()
    {
        var m = Manifest.Parse(Fixtures.Package("icebreaker", Fixtures.FakeIce40Bitstream()).ManifestJson);
        var board = BoardCatalog.Find("icebreaker");
        Assert.True(Flash.IdentityCheck.Run(m, board, null, new Card(m.DesignHash)).Passed);
        var wrong = Flash.IdentityCheck.Run(m, board, null, new Card(new string('0', 64)));
        Assert.False(wrong.Passed);
        Assert.Contains("does not run what was flashed", wrong.Message);
        var none = Flash.IdentityCheck.Run(m, board, null, null);
        Assert.True(none.Passed);
        Assert.Contains("not done", none.Message);
    }
}
