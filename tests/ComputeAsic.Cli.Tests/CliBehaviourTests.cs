using System.Text.Json;

namespace ComputeAsic.Cli.Tests;

/// <summary>The command-line contract: exit codes, one-line errors naming where, help on every verb, untouched outputs on failure.</summary>
public class CliBehaviourTests
{
    private const string G = "[\"1\",\"2\"]";
    private const string Q = "21888242871839275222246405745257275088696311157297823662689037894645226208583";
    private const string R = "21888242871839275222246405745257275088548364400416034343698204186575808495617";

    public static TheoryData<string> Verbs()
    {
        var data = new TheoryData<string>();
        foreach (var t in typeof(CliApp).Assembly.GetTypes())
        {
            var verb = t.GetCustomAttributes(typeof(CommandLine.VerbAttribute), false).Cast<CommandLine.VerbAttribute>().FirstOrDefault();
            if (verb == null) continue;
            var group = t.GetCustomAttributes(typeof(Commands.VerbGroupAttribute), false).Cast<Commands.VerbGroupAttribute>().FirstOrDefault();
            data.Add(group == null ? verb.Name : group.Group + " " + verb.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void EveryVerbHasHelp(string verb)
    {
        var (code, output, _) = CliRunner.Run([.. verb.Split(' '), "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("--help", output);
    }

    [Fact]
    public void TheVerbListNamesEveryVerbClass()
    {
        var declared = typeof(CliApp).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttributes(typeof(CommandLine.VerbAttribute), false).Length > 0)
            .Select(t => t.FullName).Order(StringComparer.Ordinal);
        Assert.Equal(declared, CliApp.VerbTypes.Select(t => t.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TopLevelHelpListsTheVerbs()
    {
        var (code, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("msm", output);
        Assert.Contains("ntt", output);
    }

    [Fact]
    public void UnknownVerbAndMissingOptionsAreUsageErrors()
    {
        var (code, _, err) = CliRunner.Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        (code, _, err) = CliRunner.Run("msm", "--input", "x.json");
        Assert.Equal(2, code);
        Assert.Contains("output", err);
    }

    [Theory]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\",\"3\"]],\"scalars\":[\"1\"]}", "points[0]: not on curve bn254")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "," + G + "," + "[\"1\",\"3\"]],\"scalars\":[\"1\",\"2\",\"3\"]}", "points[2]: not on curve bn254")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "],\"scalars\":[\"" + R + "\"]}", "scalars[0]:")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "," + G + "],\"scalars\":[\"1\",\"-1\"]}", "scalars[1]:")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "],\"scalars\":[\"0x10\"]}", "scalars[0]:")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "],\"scalars\":[5]}", "scalars[0]: expected a decimal string")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"" + Q + "\",\"2\"]],\"scalars\":[\"1\"]}", "points[0][0]:")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\"]],\"scalars\":[\"1\"]}", "points[0]: expected 2 coordinates")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "," + G + "],\"scalars\":[\"1\"]}", "differ in length")]
    [InlineData("{\"curve\":\"secp256k1\",\"points\":[],\"scalars\":[]}", "unknown curve")]
    [InlineData("{\"points\":[],\"scalars\":[]}", "curve: missing")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G, "invalid JSON")]
    [InlineData("[1,2]", "expected an object")]
    [InlineData("{\"curve\":\"bn254\",\"scalars\":[]}", "points: missing")]
    public void BadMsmInputIsExitCode2NamingWhere(string json, string expected)
    {
        using var dir = new TempDir();
        string input = dir.Write("in.json", json);
        string output = dir.Write("out.json", "previous result");
        var (code, stdout, err) = CliRunner.Run("msm", "--input", input, "--output", output);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.StartsWith(input + ": ", err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", err);
        Assert.Equal("previous result", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        Assert.Equal("", stdout);
    }

    [Fact]
    public void VerboseShowsTheStackTrace()
    {
        using var dir = new TempDir();
        string input = dir.Write("in.json", "{\"curve\":\"bn254\",\"points\":[[\"1\",\"3\"]],\"scalars\":[\"1\"]}");
        var (code, _, err) = CliRunner.Run("msm", "--input", input, "--output", dir.File("o.json"), "--verbose");
        Assert.Equal(2, code);
        Assert.Contains("   at ", err);
    }

    [Fact]
    public void MissingInputFileIsExitCode2()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRunner.Run("msm", "--input", dir.File("nope.json"), "--output", dir.File("o.json"));
        Assert.Equal(2, code);
        Assert.Contains("nope.json", err);
        Assert.False(File.Exists(dir.File("o.json")));
    }

    [Fact]
    public void MsmOfTwoGeneratorsIsThePublishedTwoG()
    {
        using var dir = new TempDir();
        string input = dir.Write("in.json", "{\"curve\":\"bn254\",\"points\":[" + G + "," + G + "],\"scalars\":[\"1\",\"1\"]}");
        var (code, _, err) = CliRunner.Run("msm", "--input", input, "--output", dir.File("o.json"));
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("o.json")));
        Assert.Equal("bn254", doc.RootElement.GetProperty("curve").GetString());
        var r = doc.RootElement.GetProperty("result");
        Assert.Equal("1368015179489954701390400359078579693043519447331113978918064868415326638035", r[0].GetString());
        Assert.Equal("9918110051302171585080402603319702774565515993150576347155970296011118125764", r[1].GetString());
    }

    [Theory]
    [InlineData("[\"1\",\"1\"]")]      // P + P·(r-1) = identity
    [InlineData("[\"0\",\"0\"]")]      // zero scalars
    public void IdentityResultIsNull(string scalars)
    {
        using var dir = new TempDir();
        string s = scalars == "[\"1\",\"1\"]" ? "[\"1\",\"" + (System.Numerics.BigInteger.Parse(R) - 1) + "\"]" : scalars;
        string input = dir.Write("in.json", "{\"curve\":\"bn254\",\"points\":[" + G + "," + G + "],\"scalars\":" + s + "}");
        var (code, _, err) = CliRunner.Run("msm", "--input", input, "--output", dir.File("o.json"));
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("o.json")));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("result").ValueKind);
    }

    [Fact]
    public void IdentityPointsAreAcceptedAsNullOrZeroZero()
    {
        using var dir = new TempDir();
        string input = dir.Write("in.json", "{\"curve\":\"bn254\",\"points\":[null,[\"0\",\"0\"]," + G + "],\"scalars\":[\"5\",\"6\",\"1\"]}");
        var (code, _, err) = CliRunner.Run("msm", "--input", input, "--output", dir.File("o.json"));
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("o.json")));
        Assert.Equal("1", doc.RootElement.GetProperty("result")[0].GetString());
    }

    [Theory]
    [InlineData("{\"field\":\"goldilocks\",\"values\":[\"1\",\"2\",\"3\"]}", "not a power of two")]
    [InlineData("{\"field\":\"goldilocks\",\"values\":[]}", "not a power of two")]
    [InlineData("{\"field\":\"goldilocks\",\"values\":[\"1\",\"18446744069414584321\"]}", "values[1]:")]
    [InlineData("{\"field\":\"babybear\",\"values\":[\"1\",\"x\"]}", "values[1]:")]
    [InlineData("{\"field\":\"mersenne\",\"values\":[\"1\"]}", "unknown field")]
    public void BadNttInputIsExitCode2NamingWhere(string json, string expected)
    {
        using var dir = new TempDir();
        string input = dir.Write("in.json", json);
        var (code, _, err) = CliRunner.Run("ntt", "--input", input, "--output", dir.File("o.json"));
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(File.Exists(dir.File("o.json")));
    }

    [Fact]
    public void NttOfADeltaIsAllOnesAndInverseRestoresIt()
    {
        using var dir = new TempDir();
        string input = dir.Write("in.json", "{\"field\":\"bn254-fr\",\"values\":[\"1\",\"0\",\"0\",\"0\"]}");
        Assert.Equal(0, CliRunner.Run("ntt", "--input", input, "--output", dir.File("f.json")).Code);
        using (var doc = JsonDocument.Parse(File.ReadAllText(dir.File("f.json"))))
        {
            Assert.Equal("bn254-fr", doc.RootElement.GetProperty("field").GetString());
            Assert.All(doc.RootElement.GetProperty("values").EnumerateArray(), v => Assert.Equal("1", v.GetString()));
        }
        Assert.Equal(0, CliRunner.Run("ntt", "--input", dir.File("f.json"), "--output", dir.File("b.json"), "--inverse").Code);
        using var back = JsonDocument.Parse(File.ReadAllText(dir.File("b.json")));
        Assert.Equal(["1", "0", "0", "0"], back.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetString()!));
    }

    private const string Delta = "{\"field\":\"bn254-fr\",\"values\":[\"1\",\"0\"]}";

    /// <summary>A FIFO (like /dev/stdout or /dev/null, not a regular file) is written in place: renaming over it would replace the node.</summary>
    [Fact]
    public async Task OutputToAPipeIsWrittenInPlace()
    {
        using var dir = new TempDir();
        string input = dir.Write("in.json", Delta);
        string fifo = dir.File("pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        var reader = Task.Run(() => File.ReadAllText(fifo));
        Assert.Equal(0, CliRunner.Run("ntt", "--input", input, "--output", fifo).Code);
        Assert.Contains("\"values\":[\"1\",\"1\"]", await reader.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, new FileInfo(fifo).Length); // still a pipe: a regular file would now hold the result
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    /// <summary>A symbolic link keeps pointing where it did; its target receives the result.</summary>
    [Fact]
    public void OutputThroughASymbolicLinkReplacesTheTarget()
    {
        using var dir = new TempDir();
        string input = dir.Write("in.json", Delta);
        string target = dir.Write("target.json", "old");
        string link = dir.File("link.json");
        File.CreateSymbolicLink(link, target);
        Assert.Equal(0, CliRunner.Run("ntt", "--input", input, "--output", link).Code);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Contains("\"values\":[\"1\",\"1\"]", File.ReadAllText(target));
    }

    [Fact]
    public void OutputThatIsADirectoryIsExitCode2()
    {
        using var dir = new TempDir();
        string input = dir.Write("in.json", Delta);
        var (code, _, err) = CliRunner.Run("ntt", "--input", input, "--output", dir.Path);
        Assert.Equal(2, code);
        Assert.Contains("is a directory", err);
    }

    [Fact]
    public void GenWritesDeterministicFiles()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.Run("gen", "msm", "--count", "5", "--seed", "3", "--output", dir.File("a.json")).Code);
        Assert.Equal(0, CliRunner.Run("gen", "msm", "--count", "5", "--seed", "3", "--output", dir.File("b.json")).Code);
        Assert.Equal(File.ReadAllBytes(dir.File("a.json")), File.ReadAllBytes(dir.File("b.json")));
        Assert.Equal(0, CliRunner.Run("msm", "--input", dir.File("a.json"), "--output", dir.File("r.json")).Code);
        Assert.Equal(2, CliRunner.Run("gen", "thing", "--output", dir.File("c.json")).Code);
    }
}

/// <summary>Subgroup membership is enforced at the verb boundary for curves with a cofactor.</summary>
public class SubgroupInputTests
{
    [Fact]
    public void PointOutsideTheBls12381SubgroupIsRejectedWithItsIndex()
    {
        Bls12381G1Affine bad = default;
        for (long x = 1; ; x++)
        {
            var fx = Bls12381Fq.FromInt(x);
            if ((fx.Square() * fx + ComputeAsic.Math.Curves.Bls12381G1.B).TrySqrt(out var y))
            {
                bad = new Bls12381G1Affine(fx, y);
                if (!bad.IsInSubgroup) break;
            }
        }
        var g = Bls12381G1Affine.Generator;
        using var dir = new TempDir();
        string json = $"{{\"curve\":\"bls12-381\",\"points\":[[\"{g.X}\",\"{g.Y}\"],[\"{bad.X}\",\"{bad.Y}\"]],\"scalars\":[\"1\",\"2\"]}}";
        string input = dir.Write("in.json", json);
        var (code, _, err) = CliRunner.Run("msm", "--input", input, "--output", dir.File("o.json"));
        Assert.Equal(2, code);
        Assert.Contains("points[1]: not in the prime-order subgroup of bls12-381", err);
    }
}
