using ComputeAsic.Hardware.Examples;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Msm;

/// <summary>
/// Pippenger's bucket method around one pipelined point adder, one (point, bucket) addition issued per cycle.
/// <para>
/// Input stream <c>in</c>: one beat per point, <see cref="MsmConfig.InputBits"/> bits: affine x, y, an identity flag
/// and the W signed digits computed on the host (<see cref="MsmConfig.Digits"/>). A slot register holds the point
/// for W cycles, one window per cycle, so consecutive additions go to different windows. Each cycle the scheduler
/// issues, in this order of preference: the head of the parking FIFO if its bucket is not in flight; else the slot's
/// addition if its bucket is not in flight; else it parks the slot's addition in the FIFO (stalling only when the FIFO
/// is full). Zero digits and identity points issue nothing (an identity point leaves the slot in one cycle).
/// </para>
/// <para>
/// In flight: an addition issued at cycle t reads its bucket at t, enters the adder at t + 1 and writes back at
/// t + 1 + L, so a bucket is busy while any of the last L + 1 issues (a shift register of addresses) names it.
/// Buckets live in one memory addressed (window, bucket), words (x, y, z, written); an unwritten bucket is fed to the
/// adder as the identity. After the job (<c>idle</c> = 1), the host reads buckets with <c>rd_en</c>/<c>rd_addr</c>
/// (data on <c>rd_data</c> one cycle later), which also clears them for the next job, and reduces them
/// (Σ i·B_i per window, windows combined) on the host.
/// </para>
/// </summary>
public sealed class MsmEngine : Module
{
    /// <summary>Builds an engine of shape <paramref name="config"/> around <paramref name="adder"/>.</summary>
    public MsmEngine(MsmConfig config, IBucketAdder adder) : base($"msm_{adder.Id}_c{config.Window}")
    {
        if (config.CoordinateBits != adder.Bits) throw new ArgumentException($"engine coordinates are {config.CoordinateBits} bits but the adder's are {adder.Bits}");
        Config = config;
        Adder = adder;
        int n = config.CoordinateBits, c = config.Window, db = config.DigitBits, ab = config.AddressBits, wb = config.WindowIndexBits;
        int depth = adder.Latency + 1;
        var one = Signal.Constant(1, 1);
        var zero = Signal.Constant(0, 1);

        In = Input("in", ValidReady.Shape(config.InputBits));
        var rdEn = Input("rd_en", 1);
        var rdAddr = Input("rd_addr", ab);

        // The slot: the current point and its remaining digits, window w.
        var slotValidD = Wire(1, "slot_valid_d");
        var slotValid = Reg(slotValidD, reset: 0, name: "slot_valid");
        var load = In.Fire;
        var slotX = Reg(In.Data.Slice(n - 1, 0), load, name: "slot_x");
        var slotY = Reg(In.Data.Slice(2 * n - 1, n), load, name: "slot_y");
        var slotInf = Reg(In.Data.Slice(2 * n, 2 * n), load, name: "slot_inf");
        var digitsD = Wire(config.Windows * db, "slot_digits_d");
        var digits = Reg(digitsD, name: "slot_digits");
        var wD = Wire(wb, "slot_w_d");
        var w = Reg(wD, name: "slot_w");

        var digit = digits.Slice(db - 1, 0);
        var neg = digit.Slice(db - 1, db - 1);
        var mag = Signal.Mux(neg, Signal.Zero(db) - digit, digit).Slice(c - 1, 0);
        var digitZero = mag.Eq(Signal.Zero(c));
        var slotAddr = Signal.Concat(w, (mag - Signal.Constant(1, c)).Slice(c - 2, 0));
        var yNeg = Signal.Mux(slotY.Eq(Signal.Zero(n)), slotY, (Signal.Constant(adder.Modulus, n + 1) - slotY.Resize(n + 1)).Slice(n - 1, 0));
        var slotYSigned = Signal.Mux(neg, yNeg, slotY);
        var lastW = w.Eq(Signal.Constant(config.Windows - 1, wb)) | slotInf;
        var needs = slotValid & ~slotInf & ~digitZero;

        // In flight: valid and address of the last L + 1 issues (entry k issued k cycles ago).
        var issue = Wire(1, "issue");
        var issueAddr = Wire(ab, "issue_addr");
        var flightValid = new Signal[depth];
        var flightAddr = new Signal[depth];
        for (int k = 0; k < depth; k++)
        {
            flightValid[k] = Reg(k == 0 ? issue : flightValid[k - 1], reset: 0, name: $"flight_valid_{k + 1}");
            flightAddr[k] = Reg(k == 0 ? issueAddr : flightAddr[k - 1], name: $"flight_addr_{k + 1}");
        }
        Signal Busy(Signal addr)
        {
            Signal b = zero;
            for (int k = 0; k < depth; k++) b |= flightValid[k] & flightAddr[k].Eq(addr);
            return b;
        }

        // The parking FIFO: (address, x, signed y).
        var fifo = Instantiate(new Fifo(ab + 2 * n, config.FifoDepth), "park");
        var fifoIn = new ValidReady(Wire(1, "park_in_valid"), Wire(ab + 2 * n, "park_in_data"), Wire(1, "park_in_ready"));
        var fifoOut = new ValidReady(Wire(1, "park_out_valid"), Wire(ab + 2 * n, "park_out_data"), Wire(1, "park_out_ready"));
        fifo.Connect("in_valid", fifoIn.Valid);
        fifo.Connect("in_data", fifoIn.Data);
        fifoIn.Ready.Assign(fifo.Output("in_ready"));
        fifoOut.Valid.Assign(fifo.Output("out_valid"));
        fifoOut.Data.Assign(fifo.Output("out_data"));
        fifo.Connect("out_ready", fifoOut.Ready);

        var headAddr = fifoOut.Data.Slice(ab + 2 * n - 1, 2 * n);
        var headGo = fifoOut.Valid & ~Busy(headAddr);
        var slotBusy = Busy(slotAddr);
        var slotIssue = needs & ~headGo & ~slotBusy;
        var park = needs & ~headGo & slotBusy & fifoIn.Ready;
        var consume = slotValid & (~needs | slotIssue | park);
        fifoOut.Ready.Assign(headGo);
        fifoIn.Valid.Assign(park);
        fifoIn.Data.Assign(Signal.Concat(slotAddr, slotYSigned, slotX));
        issue.Assign(headGo | slotIssue);
        issueAddr.Assign(Signal.Mux(headGo, headAddr, slotAddr));
        var issuePoint = Signal.Mux(headGo, fifoOut.Data.Slice(2 * n - 1, 0), Signal.Concat(slotYSigned, slotX));

        // Slot sequencing: the next point loads when the slot is empty or finishes its last window this cycle.
        In.Ready.Assign(~slotValid | (consume & lastW));
        slotValidD.Assign(Signal.Mux(load, one, Signal.Mux(consume & lastW, zero, slotValid)));
        var inDigits = In.Data.Slice(config.InputBits - 1, 2 * n + 1);
        var shifted = config.Windows == 1 ? digits : Signal.Concat(Signal.Zero(db), digits.Slice(config.Windows * db - 1, db));
        digitsD.Assign(Signal.Mux(load, inDigits, Signal.Mux(consume, shifted, digits)));
        wD.Assign(Signal.Mux(load, Signal.Zero(wb), Signal.Mux(consume, w + Signal.Constant(1, wb), w)));

        // Parked items: pushes minus pops, for idle.
        int pb = System.Numerics.BitOperations.Log2((uint)config.FifoDepth) + 2;
        var parkedD = Wire(pb, "parked_d");
        var parked = Reg(parkedD, reset: 0, name: "parked");
        parkedD.Assign(parked + park.Resize(pb) - headGo.Resize(pb));

        // Bucket memory, the read at issue and the adder one cycle later.
        var buckets = Memory("buckets", 1 << ab, config.BucketBits);
        var word = buckets.Read(Signal.Mux(rdEn, rdAddr, issueAddr), name: "bucket_word");
        var point = Reg(issuePoint, name: "issued_point");
        var written = word.Slice(3 * n, 3 * n);
        var (ix, iy, iz) = adder.Identity;
        var add = Instantiate(adder.Module, "adder");
        add.Connect("x1", Signal.Mux(written, word.Slice(n - 1, 0), Signal.Constant(ix, n)));
        add.Connect("y1", Signal.Mux(written, word.Slice(2 * n - 1, n), Signal.Constant(iy, n)));
        add.Connect("z1", Signal.Mux(written, word.Slice(3 * n - 1, 2 * n), Signal.Constant(iz, n)));
        add.Connect("x2", point.Slice(n - 1, 0));
        add.Connect("y2", point.Slice(2 * n - 1, n));
        add.Connect("z2", one);
        var sum = Signal.Concat(one, add.Output("z3"), add.Output("y3"), add.Output("x3"));
        var wbValid = flightValid[depth - 1];
        buckets.Write(wbValid | rdEn, Signal.Mux(rdEn, rdAddr, flightAddr[depth - 1]), Signal.Mux(rdEn, Signal.Zero(config.BucketBits), sum));

        Signal anyFlight = zero;
        foreach (var v in flightValid) anyFlight |= v;
        Output("idle", ~slotValid & parked.Eq(Signal.Zero(pb)) & ~anyFlight);
        Output("rd_data", word);
    }

    /// <summary>The engine's shape.</summary>
    public MsmConfig Config { get; }

    /// <summary>The adder it drives.</summary>
    public IBucketAdder Adder { get; }

    /// <summary>The point and digit stream (the engine drives ready).</summary>
    public ValidReady In { get; }
}
