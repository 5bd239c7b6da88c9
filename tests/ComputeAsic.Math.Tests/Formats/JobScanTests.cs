using System.Text;
using ComputeAsic.Math;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;
using CsCheck;

namespace ComputeAsic.Math.Tests.Formats;

/// <summary>
/// The fast job-file scanner against the streaming reader: on well-formed jobs in any whitespace it must give the same
/// arrays; on anything else it must decline, so the combined reader gives the streaming reader's exact error.
/// </summary>
public sealed class JobScanTests
{
    private static readonly string[] Spaces = ["", " ", "\n  ", "\t", "\r\n", "  \n\t "];

    /// <summary>A job's text with whitespace chosen by <paramref name="ws"/> between tokens and the keys in a given order.</summary>
    private static string MsmText(string curve, IReadOnlyList<string[]?> points, IReadOnlyList<string> scalars, Random ws, int order)
    {
        string W() => Spaces[ws.Next(Spaces.Length)];
        string Str(string s) => W() + "\"" + s + "\"" + W();
        string pts = W() + "[" + string.Join(",", points.Select(p => p == null ? W() + "null" + W() : W() + "[" + Str(p[0]) + "," + Str(p[1]) + "]" + W())) + "]" + W();
        string scs = W() + "[" + string.Join(",", scalars.Select(Str)) + "]" + W();
        string[] members = [Str("curve") + ":" + Str(curve), Str("points") + ":" + pts, Str("scalars") + ":" + scs];
        int[][] orders = [[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2, 1]];
        return W() + "{" + string.Join(",", orders[order % orders.Length].Select(i => members[i])) + "}" + W();
    }

    private static string NttText(string field, IEnumerable<string> values, Random ws)
    {
        string W() => Spaces[ws.Next(Spaces.Length)];
        return W() + "{" + W() + "\"field\"" + W() + ":" + W() + "\"" + field + "\"" + W() + "," + W() + "\"values\"" + W() + ":" + W()
            + "[" + string.Join(",", values.Select(v => W() + "\"" + v + "\"" + W())) + "]" + W() + "}" + W();
    }

    private static string Dec(ReadOnlySpan<ulong> limbs)
    {
        Span<byte> b = stackalloc byte[128];
        return Encoding.ASCII.GetString(b[..Limbs.FormatDecimal(limbs, b)]);
    }

    /// <summary>A random valid job: points from the samples, some as null or ["0","0"], scalars with optional leading zeros.</summary>
    private static string RandomMsm<F, S, C>(int n, int seed, bool zeros)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
    {
        var rng = new Random(seed);
        var pts = Samples.Points<F, S, C>(n, seed);
        var sc = Samples.Scalars<S>(n, seed);
        var points = pts.Select(p => rng.Next(8) switch
        {
            0 => null,
            1 => ["0", "0"],
            _ => p.IsIdentity ? null : new[] { p.X.ToString()!, p.Y.ToString()! },
        }).ToList();
        var scalars = Enumerable.Range(0, n).Select(i => (zeros && rng.Next(4) == 0 ? "00" : "") + Dec(sc.AsSpan(i * MsmJson.ScalarLimbs, MsmJson.ScalarLimbs))).ToList();
        return MsmText(C.Name, points, scalars, rng, rng.Next(4));
    }

    private static void AssertSameMsm<F, S, C>(string text)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var fast = MsmJson.TryParseFast<F, S, C>(bytes);
        var slow = MsmJson.ParseStreaming<F, S, C>(bytes);
        Assert.NotNull(fast);
        Assert.Equal(slow.Points, fast.Points);
        Assert.Equal(slow.Scalars, fast.Scalars);
    }

    [Fact]
    public void FastPathMatchesTheStreamingReaderOnRandomBn254Jobs()
        => Gen.Select(Gen.Int[0, 40], Gen.Int, Gen.Bool).Sample((n, seed, zeros) => AssertSameMsm<Bn254Fq, Bn254Fr, Bn254G1>(RandomMsm<Bn254Fq, Bn254Fr, Bn254G1>(n, seed, zeros)), iter: 60);

    [Fact]
    public void FastPathMatchesTheStreamingReaderOnRandomBls12381Jobs()
        => Gen.Select(Gen.Int[0, 12], Gen.Int).Sample((n, seed) => AssertSameMsm<Bls12381Fq, Bls12381Fr, Bls12381G1>(RandomMsm<Bls12381Fq, Bls12381Fr, Bls12381G1>(n, seed, true)), iter: 20);

    [Fact]
    public void FastPathCutsLargeJobsIntoSegmentsAndStillMatches()
    {
        // About 0.9 MB: several segments per array, so elements land on every side of the boundaries.
        string text = RandomMsm<Bn254Fq, Bn254Fr, Bn254G1>(4000, 7, zeros: false);
        Assert.True(text.Length > 4 * JobScan.SegmentBytes);
        AssertSameMsm<Bn254Fq, Bn254Fr, Bn254G1>(text);
    }

    [Fact]
    public void FileReadTakesTheFastPathAndMatches()
    {
        string text = RandomMsm<Bn254Fq, Bn254Fr, Bn254G1>(3000, 11, zeros: false);
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "  " + text);
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
            file.Position = 2; // the fast path reads from the stream's position, not the file's start
            var read = MsmJson.Read<Bn254Fq, Bn254Fr, Bn254G1>(file, file.Length);
            var slow = MsmJson.ParseStreaming<Bn254Fq, Bn254Fr, Bn254G1>(Encoding.UTF8.GetBytes(text));
            Assert.Equal(slow.Points, read.Points);
            Assert.Equal(slow.Scalars, read.Scalars);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FastPathMatchesTheStreamingReaderOnRandomNttJobs()
        => Gen.Select(Gen.Int[0, 9], Gen.Int).Sample((log, seed) =>
        {
            CheckNtt<Bn254Fr>(log, seed);
            CheckNtt<Goldilocks>(log, seed);
            CheckNtt<BabyBear>(log, seed);
        }, iter: 30);

    private static void CheckNtt<T>(int log, int seed) where T : struct, IPrimeField<T>
    {
        var values = Samples.Values<T>(1 << log, seed);
        var bytes = Encoding.UTF8.GetBytes(NttText(T.Name, values.Select(v => v.ToString()!), new Random(seed)));
        var fast = NttJson.TryParseFast<T>(bytes);
        Assert.NotNull(fast);
        Assert.Equal(NttJson.ParseStreaming<T>(bytes), fast);
        Assert.Equal(values, fast);
    }

    /// <summary>The writer's blocks (2048 values) and groups (as many blocks as its arena holds) leave no seam in the text, whatever the count.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2048)]
    [InlineData(2049)]
    [InlineData(12 * 2048 + 1)]
    [InlineData(40 * 2048 + 7)]
    public void WrittenValuesAreTheExpectedTextAndReadBack(int count)
    {
        CheckWrite<Bn254Fr>(count);
        CheckWrite<Goldilocks>(count);
        CheckWrite<BabyBear>(count);
    }

    private static void CheckWrite<T>(int count) where T : struct, IPrimeField<T>
    {
        var values = Samples.Values<T>(count, count);
        using var stream = new MemoryStream();
        NttJson.Write<T>(stream, values);
        using var smallArena = new MemoryStream();
        NttJson.Write<T>(smallArena, values, arenaBytes: 1 << 16); // groups of a few blocks
        Assert.Equal(stream.ToArray(), smallArena.ToArray());
        string expected = "{\"field\":\"" + T.Name + "\",\"values\":[" + string.Join(",", values.Select(v => "\"" + v + "\"")) + "]}\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(stream.ToArray()));
        if (int.IsPow2(count)) Assert.Equal(values, NttJson.Parse<T>(stream.ToArray())); // jobs are powers of two
    }

    private const string G = "[\"1\",\"2\"]"; // the BN254 generator

    [Theory]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\",\"2\"],[\"1\",\"3\"]],\"scalars\":[\"1\",\"2\"]}", "points[1]: not on curve bn254")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + ",[\"1\",\"x2\"]],\"scalars\":[\"1\",\"2\"]}", "points[1][1]: \"x2\" is not a decimal integer")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "],\"scalars\":[\"21888242871839275222246405745257275088548364400416034343698204186575808495617\"]}", "scalars[0]: 21888242871839275222246405745257275088548364400416034343698204186575808495617 is not below the bn254-fr modulus")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"21888242871839275222246405745257275088696311157297823662689037894645226208583\",\"2\"]],\"scalars\":[\"1\"]}", "points[0][0]: 21888242871839275222246405745257275088696311157297823662689037894645226208583 is not below the bn254-fq modulus")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "],\"scalars\":[\"1\",\"2\"]}", "points and scalars differ in length (1 points, 2 scalars)")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\"]],\"scalars\":[\"1\"]}", "points[0]: expected 2 coordinates, found 1")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\",\"2\",\"3\"]],\"scalars\":[\"1\"]}", "points[0]: expected 2 coordinates, found more")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "]", "invalid JSON")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "],\"scalars\":[\"1", "invalid JSON")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "],\"scalars\":[\"\"]}", "scalars[0]: empty string is not a decimal integer")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "],\"scalars\":[1]}", "scalars[0]: expected a decimal string, found a number")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[" + G + "],\"scalars\":[\"\\u0031x\"]}", "scalars[0]: \"1x\" is not a decimal integer")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\",\"2\"],true],\"scalars\":[\"1\",\"2\"]}", "points[1]: expected [\"x\",\"y\"], found a boolean")]
    [InlineData("{\"curve\":\"bls12-381\",\"points\":[],\"scalars\":[]}", "curve: expected \"bn254\", found \"bls12-381\"")]
    [InlineData("{\"curve\":\"bn254\",\"scalars\":[]}", "points: missing")]
    [InlineData("", "invalid JSON")]
    public void MalformedMsmJobsDeclineAndKeepTheStreamingMessage(string json, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Null(MsmJson.TryParseFast<Bn254Fq, Bn254Fr, Bn254G1>(bytes));
        var streaming = Assert.ThrowsAny<InvalidInputException>(() => MsmJson.ParseStreaming<Bn254Fq, Bn254Fr, Bn254G1>(bytes));
        var combined = Assert.ThrowsAny<InvalidInputException>(() => MsmJson.Parse<Bn254Fq, Bn254Fr, Bn254G1>(bytes));
        Assert.Contains(message, streaming.Message);
        Assert.Equal(streaming.Message, combined.Message);
    }

    [Theory]
    [InlineData("{\"field\":\"goldilocks\",\"values\":[\"1\",\"2\",\"3\"]}", "values: length 3 is not a power of two")]
    [InlineData("{\"field\":\"goldilocks\",\"values\":[\"1\",\"18446744069414584321\"]}", "values[1]: 18446744069414584321 is not below the goldilocks modulus")]
    [InlineData("{\"field\":\"goldilocks\",\"values\":[\"1\",2]}", "values[1]: expected a decimal string, found a number")]
    [InlineData("{\"field\":\"goldilocks\",\"values\":[\"1\",\"2\"]", "invalid JSON")]
    [InlineData("{\"field\":\"babybear\",\"values\":[\"1\",\"2\"]}", "field: expected \"goldilocks\", found \"babybear\"")]
    [InlineData("", "invalid JSON")]
    public void MalformedNttJobsDeclineAndKeepTheStreamingMessage(string json, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Null(NttJson.TryParseFast<Goldilocks>(bytes));
        var streaming = Assert.ThrowsAny<InvalidInputException>(() => NttJson.ParseStreaming<Goldilocks>(bytes));
        var combined = Assert.ThrowsAny<InvalidInputException>(() => NttJson.Parse<Goldilocks>(bytes));
        Assert.Contains(message, streaming.Message);
        Assert.Equal(streaming.Message, combined.Message);
    }

    private static string Outcome(Func<MsmInput<Bn254Fq, Bn254G1>> parse)
    {
        try
        {
            var job = parse();
            return "ok " + string.Join(";", job.Points) + " | " + string.Join(",", job.Scalars);
        }
        catch (InvalidInputException e)
        {
            return "error " + e.Message;
        }
    }

    /// <summary>Random single-byte damage to a valid job (truncation, replacement, insertion, deletion): the combined reader behaves exactly like the streaming one.</summary>
    [Fact]
    public void DamagedJobsGiveTheStreamingOutcome()
    {
        var valid = RandomMsm<Bn254Fq, Bn254Fr, Bn254G1>(4, 3, zeros: false);
        const string Junk = "x\"\\,[]{} 9:0n-\u00e9";
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, valid.Length - 1], Gen.Int[0, Junk.Length - 1]).Sample((kind, at, j) =>
        {
            string text = kind switch
            {
                0 => valid[..at],
                1 => valid[..at] + Junk[j] + valid[(at + 1)..],
                2 => valid[..at] + Junk[j] + valid[at..],
                _ => valid[..at] + valid[(at + 1)..],
            };
            var bytes = Encoding.UTF8.GetBytes(text);
            var fast = MsmJson.TryParseFast<Bn254Fq, Bn254Fr, Bn254G1>(bytes);
            string streaming = Outcome(() => MsmJson.ParseStreaming<Bn254Fq, Bn254Fr, Bn254G1>(bytes));
            Assert.Equal(streaming, Outcome(() => MsmJson.Parse<Bn254Fq, Bn254Fr, Bn254G1>(bytes)));
            if (fast != null) Assert.Equal(streaming, Outcome(() => fast));
        }, iter: 400);
    }

    [Theory]
    [InlineData("{\"curve\":\"bn254\",\"points\":[]}")]
    [InlineData(" \n{ \"curve\" : \"bls12-381\" }")]
    [InlineData("{\"points\":[],\"curve\":\"bn254\"}")]
    [InlineData("{\"curve\":\"bn\\u0032\"}")]
    public void CurveNameFromTheFirstBytesMatchesTheFullScan(string json)
    {
        using var fast = new MemoryStream(Encoding.UTF8.GetBytes(json));
        string name = MsmJson.ReadCurveName(fast);
        Assert.Equal(MsmJson.ReadCurveName(Encoding.UTF8.GetBytes(json)), name);
    }
}
