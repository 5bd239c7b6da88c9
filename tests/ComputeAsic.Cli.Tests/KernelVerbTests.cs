using System.Numerics;
using System.Text.Json;
using ComputeAsic.Kernels.Msm;
using ComputeAsic.Kernels.Ntt;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Cli.Tests;

/// <summary>The msm and ntt verbs end to end on job files: results against the oracles, streaming input, errors with locations, timings.</summary>
public sealed class KernelVerbTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kernel-verbs-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private string Path(string name) => System.IO.Path.Combine(dir, name);

    private static List<BigInteger>? ResultPoint(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        var r = doc.RootElement.GetProperty("result");
        return r.ValueKind == JsonValueKind.Null ? null : r.EnumerateArray().Select(v => BigInteger.Parse(v.GetString()!)).ToList();
    }

    private void CheckMsm<F, S, C>(string curve, int n, int seed)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
    {
        string input = Path($"{curve}-{n}.json"), output = Path($"{curve}-{n}-out.json");
        Assert.Equal(0, Run("gen", "msm", "--curve", curve, "--count", n.ToString(), "--seed", seed.ToString(), "--output", input).Code);
        var (code, _, err) = Run("msm", "--input", input, "--output", output, "--timings");
        Assert.True(code == 0, err);
        Assert.Contains("compute", err);
        var expected = new NaiveMsm().Msm<F, C>(Samples.Points<F, S, C>(n, seed), Samples.Scalars<S>(n, seed)).ToAffine();
        var actual = ResultPoint(output);
        Assert.NotNull(actual);
        Assert.Equal([expected.X.ToBigInteger(), expected.Y.ToBigInteger()], actual);
    }

    [Fact]
    public void MsmVerbMatchesTheNaiveOracleOnEveryCurve()
    {
        CheckMsm<Bn254Fq, Bn254Fr, Bn254G1>("bn254", 300, 4);
        CheckMsm<Bls12381Fq, Bls12381Fr, Bls12381G1>("bls12-381", 40, 5);
        CheckMsm<Bls12377Fq, Bls12377Fr, Bls12377G1>("bls12-377", 40, 6);
    }

    [Fact]
    public void MsmVerbHandlesIdentityPointsAndCancellation()
    {
        var g = Affine<Bn254Fq, Bn254G1>.Generator;
        string gx = g.X.ToString(), gy = g.Y.ToString(), ny = (-g.Y).ToString();
        string input = Path("cancel.json"), output = Path("cancel-out.json");
        // 5·G + 5·(-G) + 7·O = O; "curve" after the arrays exercises the full scan for the name.
        File.WriteAllText(input, $"{{\"points\":[[\"{gx}\",\"{gy}\"],[\"{gx}\",\"{ny}\"],null,[\"0\",\"0\"]],\"scalars\":[\"5\",\"5\",\"7\",\"9\"],\"curve\":\"bn254\"}}");
        Assert.Equal(0, Run("msm", "--input", input, "--output", output).Code);
        Assert.Null(ResultPoint(output));
    }

    [Theory]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\",\"2\"],[\"1\",\"3\"]],\"scalars\":[\"1\",\"2\"]}", "points[1]: not on curve bn254")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\",\"2\"],[\"1\",\"x2\"]],\"scalars\":[\"1\",\"2\"]}", "points[1][1]: \"x2\" is not a decimal integer")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\",\"2\"]],\"scalars\":[\"21888242871839275222246405745257275088548364400416034343698204186575808495617\"]}", "scalars[0]: 21888242871839275222246405745257275088548364400416034343698204186575808495617 is not below the bn254-fr modulus")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\",\"2\"]],\"scalars\":[\"1\",\"2\"]}", "points and scalars differ in length (1 points, 2 scalars)")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\"]],\"scalars\":[\"1\"]}", "points[0]: expected 2 coordinates, found 1")]
    [InlineData("{\"curve\":\"bn254\",\"points\":[[\"1\",\"2\"]", "invalid JSON")]
    [InlineData("{\"curve\":\"bn255\",\"points\":[],\"scalars\":[]}", "unknown curve \"bn255\"")]
    public void MsmVerbNamesTheBadInput(string json, string message)
    {
        string input = Path("bad.json"), output = Path("bad-out.json");
        File.WriteAllText(input, json);
        var (code, _, err) = Run("msm", "--input", input, "--output", output);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.StartsWith(input, err);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void MsmVerbRejectsAPointOutsideTheSubgroup()
    {
        // A BLS12-381 curve point with x = the smallest value that gives a square: almost surely outside G1.
        Bls12381Fq x = Bls12381Fq.FromInt(1), y;
        while (!(x.Square() * x + Bls12381G1.B).TrySqrt(out y)) x += Bls12381Fq.One;
        var p = new Affine<Bls12381Fq, Bls12381G1>(x, y);
        Assert.False(SubgroupChecks.ByOrder(p));
        var g = Affine<Bls12381Fq, Bls12381G1>.Generator;
        string input = Path("sub.json");
        File.WriteAllText(input, $"{{\"curve\":\"bls12-381\",\"points\":[[\"{g.X}\",\"{g.Y}\"],[\"{x}\",\"{y}\"]],\"scalars\":[\"1\",\"2\"]}}");
        var (code, _, err) = Run("msm", "--input", input, "--output", Path("sub-out.json"));
        Assert.Equal(2, code);
        Assert.Contains("points[1]: not in the prime-order subgroup of bls12-381", err);
    }

    [Theory]
    [InlineData("goldilocks", 256)]
    [InlineData("babybear", 64)]
    [InlineData("bn254-fr", 128)]
    public void NttVerbMatchesTheNaiveDftAndRoundTrips(string field, int n)
        => FieldRegistry.Dispatch(field, new NttCheck(this, n));

    private sealed class NttCheck(KernelVerbTests t, int n) : IFieldVisitor<bool>
    {
        public bool Visit<T>() where T : struct, IPrimeField<T>
        {
            string input = t.Path($"{T.Name}.json"), fwd = t.Path($"{T.Name}-fwd.json"), back = t.Path($"{T.Name}-back.json");
            Assert.Equal(0, t.Run("gen", "ntt", "--field", T.Name, "--count", n.ToString(), "--seed", "9", "--output", input).Code);
            var (code, _, err) = t.Run("ntt", "--input", input, "--output", fwd, "--timings");
            Assert.True(code == 0, err);
            Assert.Contains("compute", err);
            var expected = Samples.Values<T>(n, 9);
            new NaiveDft().Forward<T>(expected);
            Assert.Equal(expected, NttJson.Parse<T>(File.ReadAllBytes(fwd)));
            Assert.Equal(0, t.Run("ntt", "--input", fwd, "--output", back, "--inverse").Code);
            Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(back));
            return true;
        }
    }

    [Theory]
    [InlineData("{\"field\":\"goldilocks\",\"values\":[\"1\",\"2\",\"3\"]}", "values: length 3 is not a power of two")]
    [InlineData("{\"field\":\"goldilocks\",\"values\":[\"1\",\"18446744069414584321\"]}", "values[1]: 18446744069414584321 is not below the goldilocks modulus")]
    [InlineData("{\"field\":\"goldilocks\",\"values\":[\"1\",2]}", "values[1]: expected a decimal string, found a number")]
    [InlineData("{\"field\":\"nope\",\"values\":[]}", "unknown field \"nope\"")]
    public void NttVerbNamesTheBadInput(string json, string message)
    {
        string input = Path("bad-ntt.json");
        File.WriteAllText(input, json);
        var (code, _, err) = Run("ntt", "--input", input, "--output", Path("bad-ntt-out.json"));
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }

    [Fact]
    public void NttVerbStreamsAnInputLargerThanTheReadWindow()
    {
        // 2^16 BN254 Fr values are about 5 MB: several refills of the 1 MiB window, with tokens split across them.
        int n = 1 << 16;
        string input = Path("big.json"), output = Path("big-out.json");
        Assert.Equal(0, Run("gen", "ntt", "--field", "bn254-fr", "--count", n.ToString(), "--seed", "2", "--output", input).Code);
        Assert.Equal(0, Run("ntt", "--input", input, "--output", output).Code);
        var expected = Samples.Values<Bn254Fr>(n, 2);
        new Radix2Ntt().Forward<Bn254Fr>(expected);
        Assert.Equal(expected, NttJson.Parse<Bn254Fr>(File.ReadAllBytes(output)));
    }
}
