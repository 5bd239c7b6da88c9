using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Msm;

/// <summary>
/// The adder an MSM engine keeps busy: a module with ports x1, y1, z1 (the bucket), x2, y2 (the affine point), z2 (one
/// bit, 1) and outputs x3, y3, z3 after a fixed <see cref="Latency"/>, accepting one addition per cycle.
/// </summary>
public interface IBucketAdder
{
    /// <summary>Name part of entities and reports.</summary>
    string Id { get; }

    /// <summary>Bits of a coordinate.</summary>
    int Bits { get; }

    /// <summary>The modulus a point's y is negated against (−(x, y) = (x, m − y)).</summary>
    BigInteger Modulus { get; }

    /// <summary>The adder module (built once per engine).</summary>
    Module Module { get; }

    /// <summary>Cycles from inputs to the sum.</summary>
    int Latency { get; }

    /// <summary>The (x, y, z) an empty bucket is fed to the adder as.</summary>
    (BigInteger X, BigInteger Y, BigInteger Z) Identity { get; }
}

/// <summary>The library's complete mixed projective adder of <see cref="PointAdderModule"/>: the real engine's adder.</summary>
public sealed class CompleteBucketAdder : IBucketAdder
{
    /// <summary>The adder of <paramref name="curve"/> built with <paramref name="options"/>.</summary>
    public CompleteBucketAdder(CurveSpec curve, ArithmeticOptions? options = null)
    {
        Curve = curve;
        Module = new PointAdderModule(curve, mixed: true, options);
        Latency = Module.Latency ?? throw new InvalidOperationException("the point adder has no fixed latency");
    }

    /// <summary>The curve added on.</summary>
    public CurveSpec Curve { get; }

    /// <inheritdoc/>
    public string Id => Curve.Id;

    /// <inheritdoc/>
    public int Bits => Curve.Field.Bits;

    /// <inheritdoc/>
    public BigInteger Modulus => Curve.Field.Modulus;

    /// <inheritdoc/>
    public Module Module { get; }

    /// <inheritdoc/>
    public int Latency { get; }

    /// <inheritdoc/>
    public (BigInteger X, BigInteger Y, BigInteger Z) Identity => (0, 1, 0);
}

/// <summary>
/// A stand-in adder for structural tests of the scheduler: coordinate-wise x3 = x1 + x2, y3 = y1 + y2 (mod m) and
/// z3 = z1 + 1 (counts additions) through a pipeline of fixed latency. Cheap, commutative and
/// associative, so a bucket's value checks that every addition landed once, whatever the order.
/// </summary>
public sealed class StandInBucketAdder : IBucketAdder
{
    /// <summary>A stand-in on <paramref name="bits"/>-bit coordinates with <paramref name="latency"/> cycles.</summary>
    public StandInBucketAdder(int bits, int latency)
    {
        if (bits < 2 || bits > 384) throw new ArgumentException($"stand-in adder bits {bits} out of range [2, 384]");
        if (latency < 1 || latency > 512) throw new ArgumentException($"stand-in adder latency {latency} out of range [1, 512]");
        Bits = bits;
        Latency = latency;
        Modulus = (BigInteger.One << bits) - 1;
        Module = new StandInAdderModule(bits, Modulus, latency);
    }

    /// <inheritdoc/>
    public string Id => $"standin{Bits}";

    /// <inheritdoc/>
    public int Bits { get; }

    /// <inheritdoc/>
    public BigInteger Modulus { get; }

    /// <inheritdoc/>
    public Module Module { get; }

    /// <inheritdoc/>
    public int Latency { get; }

    /// <inheritdoc/>
    public (BigInteger X, BigInteger Y, BigInteger Z) Identity => (0, 0, 0);

    private sealed class StandInAdderModule : Module
    {
        public StandInAdderModule(int n, BigInteger m, int latency) : base($"standin_add{n}_l{latency}")
        {
            var (x1, y1, z1) = (Input("x1", n), Input("y1", n), Input("z1", n));
            var (x2, y2) = (Input("x2", n), Input("y2", n));
            var z2 = Input("z2", 1);
            var mod = Signal.Constant(m, n + 1);
            Signal AddMod(Signal a, Signal b)
            {
                var s = a.Resize(n + 1) + b.Resize(n + 1);
                return Signal.Mux(s < mod, s, s - mod).Resize(n);
            }
            Output("x3", Pipeline(AddMod(x1, x2), latency));
            Output("y3", Pipeline(AddMod(y1, y2), latency));
            Output("z3", Pipeline(z1 + z2.Resize(n), latency));
            Latency = latency;
        }
    }
}
