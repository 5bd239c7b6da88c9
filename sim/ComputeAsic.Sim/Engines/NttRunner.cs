using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hardware.Ntt;
using ComputeAsic.Kernels;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Sim.Engines;

/// <summary>Cycle figures of a run of transforms on the engine.</summary>
/// <param name="Compute">Cycles with <c>computing</c> high per transform (first butterfly step to the last write landed): the figure against the bound.</param>
/// <param name="EndToEnd">Cycles from the first input beat accepted to the first transform's last output beat.</param>
/// <param name="Interval">Cycles between the last output beats of consecutive transforms when streamed back to back (the steady-state time per transform); the end-to-end figure for a single transform.</param>
public readonly record struct NttCycles(long Compute, long EndToEnd, long Interval);

/// <summary>Drives an <see cref="NttEngine"/> in the simulator through its streams: whole transforms in, results out, cycles counted.</summary>
public sealed class NttRunner : IDisposable
{
    private readonly Simulator _sim;
    private readonly SimPort _inValid, _inData, _inReady, _outValid, _outData, _outReady, _computing;
    private readonly int _w, _k;

    /// <summary>Compiles <paramref name="engine"/> and resets it.</summary>
    public NttRunner(NttEngine engine)
    {
        Config = engine.Config;
        _sim = new Simulator(engine);
        _w = Config.Field.Bits;
        _k = Config.Lanes;
        (_inValid, _inData, _inReady) = (_sim.Port("in_valid"), _sim.Port("in_data"), _sim.Port("in_ready"));
        (_outValid, _outData, _outReady) = (_sim.Port("out_valid"), _sim.Port("out_data"), _sim.Port("out_ready"));
        _computing = _sim.Port("computing");
        _sim.Reset(2);
    }

    /// <summary>The engine's configuration.</summary>
    public NttConfig Config { get; }

    /// <summary>The simulator (for recording traces).</summary>
    public Simulator Simulator => _sim;

    /// <summary>Streams one transform through the engine (see <see cref="TransformAll"/>).</summary>
    public BigInteger[] Transform(IReadOnlyList<BigInteger> input, out NttCycles cycles, Random? stalls = null) =>
        TransformAll([input], out cycles, stalls)[0];

    /// <summary>
    /// Streams <paramref name="inputs"/> (natural order) back to back through the engine and returns the outputs; with
    /// <paramref name="stalls"/> the source and sink pause at random (valid and ready dropped a quarter of the time).
    /// </summary>
    public BigInteger[][] TransformAll(IReadOnlyList<IReadOnlyList<BigInteger>> inputs, out NttCycles cycles, Random? stalls = null)
    {
        int n = Config.N, jobs = inputs.Count;
        foreach (var x in inputs)
            if (x.Count != n) throw new ArgumentException($"expected {n} values, got {x.Count}");
        var outputs = inputs.Select(_ => new BigInteger[n]).ToArray();
        long sent = 0, got = 0, total = (long)n * jobs;
        long start = -1, compute = 0, limit = _sim.Cycle + 40L * total + 100_000, firstDone = -1, lastDone = -1;
        var words = new ulong[(_k * _w + 63) / 64];
        var mask = (BigInteger.One << _w) - 1;
        while (got < total)
        {
            if (_sim.Cycle > limit) throw new TimeoutException($"NTT engine produced {got} of {total} values by cycle {_sim.Cycle}");
            bool offer = sent < total && (stalls == null || stalls.Next(4) != 0);
            if (offer)
            {
                var x = inputs[(int)(sent / n)];
                int at = (int)(sent % n);
                BigInteger bus = 0;
                for (int j = _k - 1; j >= 0; j--) bus = (bus << _w) | x[at + j];
                Pack(bus, words);
                _inData.Set(words);
            }
            _inValid.Set(offer ? 1UL : 0UL);
            bool take = stalls == null || stalls.Next(4) != 0;
            _outReady.Set(take ? 1UL : 0UL);
            if (offer && _inReady.Value != 0)
            {
                if (start < 0) start = _sim.Cycle;
                sent += _k;
            }
            if (take && _outValid.Value != 0)
            {
                var bus = _outData.Big;
                var y = outputs[(int)(got / n)];
                int at = (int)(got % n);
                for (int j = 0; j < _k; j++) y[at + j] = (bus >> (j * _w)) & mask;
                got += _k;
                if (got % n == 0)
                {
                    if (firstDone < 0) firstDone = _sim.Cycle;
                    lastDone = _sim.Cycle;
                }
            }
            if (_computing.Value != 0) compute++;
            _sim.Step();
        }
        _inValid.Set(0UL);
        long end = firstDone - start + 1;
        cycles = new NttCycles(compute / jobs, end, jobs > 1 ? (lastDone - firstDone) / (jobs - 1) : end);
        return outputs;
    }

    private static void Pack(BigInteger v, ulong[] words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = (ulong)(v & ulong.MaxValue);
            v >>= 64;
        }
    }

    /// <summary>The CPU kernel's result for the configuration (the reference the engine must equal bit for bit).</summary>
    public static BigInteger[] Reference(NttConfig config, IReadOnlyList<BigInteger> input) => config.Field.Id switch
    {
        "goldilocks" => Reference<Goldilocks>(config, input),
        "babybear" => Reference<BabyBear>(config, input),
        "bn254_fr" => Reference<Bn254Fr>(config, input),
        "bls12_381_fr" => Reference<Bls12381Fr>(config, input),
        "bls12_377_fr" => Reference<Bls12377Fr>(config, input),
        _ => throw new ArgumentException($"no CPU NTT reference for field {config.Field.Id}"),
    };

    private static BigInteger[] Reference<F>(NttConfig c, IReadOnlyList<BigInteger> input) where F : struct, IPrimeField<F>
    {
        var v = input.Select(F.FromBigInteger).ToArray();
        var ntt = CpuKernels.Ntt;
        if (c.Shift is { } s)
        {
            if (c.Inverse) ntt.InverseCoset<F>(v, F.FromBigInteger(s));
            else ntt.ForwardCoset<F>(v, F.FromBigInteger(s));
        }
        else if (c.Inverse) ntt.Inverse<F>(v);
        else ntt.Forward<F>(v);
        return v.Select(x => x.ToBigInteger()).ToArray();
    }

    /// <summary>Random canonical elements of the configuration's field.</summary>
    public static BigInteger[] RandomInput(NttConfig config, Random rng) =>
        Enumerable.Range(0, config.N).Select(_ => ArithmeticDesigns.Element(rng, config.Field.Modulus)).ToArray();

    /// <inheritdoc/>
    public void Dispose() => _sim.Dispose();
}
