using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hardware.Examples;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Ntt;

/// <summary>
/// A streaming radix-2 NTT engine equal to <c>CpuKernels.Ntt</c>: N elements enter k per beat in natural order on
/// <c>in</c> (lane j at bits [j·w, (j+1)·w)), are stored bit-reversed in 2k banked memories (<see cref="NttConfig"/>),
/// transformed in place by k pipelined Cooley–Tukey butterflies (2k reads and 2k writes a cycle, no bank conflict,
/// twiddles from per-lane ROMs), and leave k per beat in natural order on <c>out</c>. Phases: load, compute, drain;
/// one buffer, so a transform's load waits for the previous drain (no double buffering). <c>phase</c> shows the phase
/// (0 load, 1 load tail, 2 compute, 3 compute tail, 4 drain) for benches and status registers.
/// </summary>
public sealed class NttEngine : Module
{
    /// <summary>Phase codes on the <c>phase</c> port.</summary>
    public const int Load = 0, LoadTail = 1, Compute = 2, ComputeTail = 3, Drain = 4;

    /// <summary>Builds the engine for <paramref name="config"/>.</summary>
    public NttEngine(NttConfig config) : base(config.Name)
    {
        Config = config;
        var f = config.Field;
        int w = f.Bits, k = config.Lanes, c = config.LogLanes, n = config.LogN, rb = config.RowBits, ab = rb - 1;
        int steps = config.StepsPerStage;
        var input = Input("in", ValidReady.Shape(k * w));

        var bfly = new ButterflyModule(f, ButterflyKind.CooleyTukey, config.Options);
        var mul = new ModMulModule(f, config.Options);
        ButterflyLatency = bfly.Latency!.Value;
        WriteLatency = ButterflyLatency + 4;
        Gaps = config.Gaps(WriteLatency);
        int loadLatency = 1 + (config.ScalesInput ? 1 + mul.Latency!.Value : 0);
        int drainLatency = 2 + (config.ScalesOutput ? mul.Latency!.Value : 0);

        Signal K(BigInteger v, int width) => Signal.Constant(v, width);
        Signal[] Lanes(Signal bus) => Enumerable.Range(0, k).Select(j => bus.Slice((j + 1) * w - 1, j * w)).ToArray();
        Signal Bus(Signal[] lanes) => Signal.Concat(lanes.Reverse().ToArray());
        Signal Parity(Signal x) => Enumerable.Range(0, x.Width).Select(i => x.Bit(i)).Aggregate((a, b) => a ^ b);
        // out[j] = in[(j + by) mod k] (down) or in[(j - by) mod k] (up), by a c-bit signal: log2 k mux levels.
        Signal[] Rotate(Signal[] v, Signal? by, bool down)
        {
            for (int q = 0; q < c; q++)
            {
                int d = 1 << q;
                var prev = v;
                v = Enumerable.Range(0, k).Select(j => Signal.Mux(by!.Bit(q), prev[((down ? j + d : j - d) % k + k) % k], prev[j])).ToArray();
            }
            return v;
        }
        Signal Top(Signal row) => c == 0 ? K(0, 1) : row.Slice(rb - 1, rb - c);   // skew
        Signal Count(Signal q, int width, Signal inc) => Signal.Mux(inc, q + K(1, width), q);

        // ---- control
        int waitBits = 16;
        var phaseN = Wire(3, "phase_next");
        var phase = Reg(phaseN, reset: Load, name: "phase_q");
        var waitN = Wire(waitBits, "wait_next");
        var wait = Reg(waitN, reset: 0, name: "wait_q");
        Signal Is(int p) => phase.Eq(K(p, 3));
        int sb = 1;
        while ((1 << sb) < n) sb++;
        int tb = ab;   // steps per stage = 2^(rb-1)

        var beat = Wire(rb, "beat_next");
        var beatQ = Reg(beat, reset: 0, name: "beat_q");
        var inReady = Is(Load);
        var fire = input.Valid & inReady;
        beat.Assign(Count(beatQ, rb, fire));
        input.Ready.Assign(inReady);
        var lastBeat = fire & beatQ.Eq(K(config.Rows - 1, rb));

        var stageN = Wire(sb, "stage_next");
        var stage = Reg(stageN, reset: 0, name: "stage_q");
        var stepN = Wire(tb, "step_next");
        var step = Reg(stepN, reset: 0, name: "step_q");
        var gapN = Wire(waitBits, "gap_next");
        var gap = Reg(gapN, reset: 0, name: "gap_q");
        var issue = Is(Compute) & gap.Eq(K(0, waitBits));
        var lastStep = issue & step.Eq(K(steps - 1, tb));
        var lastStage = stage.Eq(K(n - 1, sb));
        stepN.Assign(Signal.Mux(lastStep, K(0, tb), Count(step, tb, issue)));
        stageN.Assign(Signal.Mux(lastStep, Signal.Mux(lastStage, K(0, sb), stage + K(1, sb)), stage));
        var gapAfter = Signal.Select(stage, Gaps.Select(g => K(g, waitBits)).Append(K(0, waitBits)).ToArray());
        gapN.Assign(Signal.Mux(lastStep & ~lastStage, gapAfter, Signal.Mux(gap.Eq(K(0, waitBits)), gap, gap - K(1, waitBits))));

        var outstandingN = Wire(16, "outstanding_next");
        var outstanding = Reg(outstandingN, reset: 0, name: "outstanding_q");
        int fifoDepth = 4;
        while (fifoDepth < drainLatency + 8) fifoDepth *= 2;
        var row = Wire(rb, "row_next");
        var rowQ = Reg(row, reset: 0, name: "row_q");
        var drainIssue = Is(Drain) & (outstanding < K(fifoDepth, 16));
        row.Assign(Count(rowQ, rb, drainIssue));
        var lastRow = drainIssue & rowQ.Eq(K(config.Rows - 1, rb));

        var waitDone = wait.Eq(K(0, waitBits));
        var waitDec = Signal.Mux(waitDone, wait, wait - K(1, waitBits));
        phaseN.Assign(Signal.Select(phase, [
            Signal.Mux(lastBeat, K(LoadTail, 3), K(Load, 3)),
            Signal.Mux(waitDone, K(Compute, 3), K(LoadTail, 3)),
            Signal.Mux(lastStep & lastStage, K(ComputeTail, 3), K(Compute, 3)),
            Signal.Mux(waitDone, K(Drain, 3), K(ComputeTail, 3)),
            Signal.Mux(lastRow, K(Load, 3), K(Drain, 3)),
        ]));
        waitN.Assign(Signal.Mux(lastBeat, K(loadLatency - 1, waitBits),
            Signal.Mux(lastStep & lastStage, K(WriteLatency - 1, waitBits), waitDec)));
        Output("phase", phase);

        // ---- memories: bank p (row parity), column m; depth Rows / 2
        var mems = new Memory[2, k];
        for (int p = 0; p < 2; p++)
            for (int m = 0; m < k; m++) mems[p, m] = Memory($"bank{p}_col{m}", config.Rows / 2, w);

        // ---- compute addresses (cycle 0 of a step)
        var rowsA = new Signal[n];
        for (int s = 0; s < n; s++)
        {
            int b = config.RowBit(s);
            // insert a zero bit at position b into the step index
            var a = b == 0 ? step.Concat(K(0, 1)) : b == tb ? K(0, 1).Concat(step) : Signal.Concat(step.Slice(tb - 1, b), K(0, 1), step.Slice(b - 1, 0));
            rowsA[s] = a;
        }
        var rowA = Signal.Select(stage, rowsA);
        var rowB = rowA | Signal.Select(stage, Enumerable.Range(0, n).Select(s => K(BigInteger.One << config.RowBit(s), rb)).ToArray());
        var pA = Parity(rowA);
        var addrA = rowA.Slice(rb - 1, 1);
        var addrB = rowB.Slice(rb - 1, 1);
        var mode = Signal.Select(stage, Enumerable.Range(0, n).Select(s => K(System.Math.Min(s, c), sb)).ToArray());
        var twAddrBits = rb + 1;
        var twBase = Signal.Select(stage, Enumerable.Range(0, n).Select(s => K(config.TwiddleAddress(s, 0), twAddrBits)).ToArray());
        var twMask = Signal.Select(stage, Enumerable.Range(0, n).Select(s => K(s >= c ? (1 << (s - c)) - 1 : 0, twAddrBits)).ToArray());
        var twAddr = twBase + (step.Resize(twAddrBits) & twMask);

        // ---- drain addresses
        var drainBank = Parity(rowQ);
        var drainAddr = rowQ.Slice(rb - 1, 1);

        // ---- reads
        var draining = Is(Drain);
        var cols = new Signal[2][];
        for (int p = 0; p < 2; p++)
        {
            var compAddr = p == 0 ? Signal.Mux(pA, addrB, addrA) : Signal.Mux(pA, addrA, addrB);
            cols[p] = Enumerable.Range(0, k).Select(m => mems[p, m].Read(Signal.Mux(draining, drainAddr, compAddr), name: $"rd{p}_{m}")).ToArray();
        }

        // ---- compute datapath
        var pA1 = Reg(pA);
        var skewA1 = Reg(Top(rowA));
        var skewB1 = Reg(Top(rowB));
        var rowAcols = Enumerable.Range(0, k).Select(m => Signal.Mux(pA1, cols[1][m], cols[0][m])).ToArray();
        var rowBcols = Enumerable.Range(0, k).Select(m => Signal.Mux(pA1, cols[0][m], cols[1][m])).ToArray();
        var xs = Rotate(rowAcols, skewA1, down: true).Concat(Rotate(rowBcols, skewB1, down: true)).Select(v => Reg(v)).ToArray();   // cycle 2
        var mode2 = Pipeline(mode, 2);
        var ys = new Signal[2 * k];
        var writers = new List<(int Lane, bool Upper)>[c + 1, 2 * k];
        for (int md = 0; md <= c; md++)
            for (int q = 0; q < 2 * k; q++) writers[md, q] = [];
        for (int j = 0; j < k; j++)
        {
            var tw3 = Pipeline(RomRead($"twiddle{j}", config.TwiddleRom(j), twAddr), 2);
            var aCases = new Signal[c + 1];
            var bCases = new Signal[c + 1];
            for (int md = 0; md <= c; md++)
            {
                int s = md;   // mode md < c is stage md; mode c stands for every stage from c on (same pairing)
                var (x0, x1, _) = config.Lane(s, 0, j);
                aCases[md] = xs[x0];
                bCases[md] = xs[x1];
                writers[md, x0].Add((j, false));
                writers[md, x1].Add((j, true));
            }
            var a3 = Reg(Signal.Select(mode2, aCases));
            var b3 = Reg(Signal.Select(mode2, bCases));
            var u = Instantiate(bfly, $"u_bfly{j}");
            u.Connect("a", a3);
            u.Connect("b", b3);
            u.Connect("w", tw3);
            ys[2 * j] = u.Output("y0");
            ys[2 * j + 1] = u.Output("y1");
        }
        int outAt = 3 + ButterflyLatency;
        var modeOut = Pipeline(mode, outAt);
        var back = new Signal[2 * k];
        for (int q = 0; q < 2 * k; q++)
        {
            var cases = new Signal[c + 1];
            for (int md = 0; md <= c; md++)
            {
                var (lane, upper) = writers[md, q].Single();
                cases[md] = ys[2 * lane + (upper ? 1 : 0)];
            }
            back[q] = Reg(Signal.Select(modeOut, cases));
        }
        // cycle W = outAt + 1: rotate into columns and write
        var pAw = Pipeline(pA, WriteLatency);
        var colA = Rotate(back[..k], Pipeline(Top(rowA), WriteLatency), down: false);
        var colB = Rotate(back[k..], Pipeline(Top(rowB), WriteLatency), down: false);
        var addrAw = Pipeline(addrA, WriteLatency);
        var addrBw = Pipeline(addrB, WriteLatency);
        var wr = Pipeline(issue, WriteLatency);

        // ---- load datapath: scale (optional), then scatter to bit-reversed rows
        var inLanes = Lanes(input.Data);
        var loadValid = fire;
        var loadBeat = beatQ;
        if (config.ScalesInput)
        {
            var scaled = new Signal[k];
            for (int j = 0; j < k; j++)
            {
                var factor = RomRead($"scale{j}", config.ScaleRom(j), beatQ);
                var u = Instantiate(mul, $"u_scale{j}");
                u.Connect("a", Reg(inLanes[j]));
                u.Connect("b", factor);
                scaled[j] = u.Output("y");
            }
            inLanes = scaled;
            loadValid = Pipeline(fire, 1 + mul.Latency!.Value);
            loadBeat = Pipeline(beatQ, 1 + mul.Latency!.Value);
        }
        var lv = Reg(loadValid);
        var lb = Reg(loadBeat);
        var le = inLanes.Select(x => Reg(x)).ToArray();
        var rev = Signal.Concat(Enumerable.Range(0, rb).Select(i => lb.Bit(i)).ToArray());   // bit i of rev = bit rb-1-i of lb (msb first)
        var lanePrime = c == 0 ? null : rev.Slice(c - 1, 0);
        int lowBits = rb - c;
        var low = lowBits == 0 ? null : rev.Slice(rb - 1, c);
        // E'[x] = e[rev_c(x)]; column m takes E'[(m - lane') mod k] from row top = (m - lane') mod k
        var ePrime = Enumerable.Range(0, k).Select(x => le[NttConfig.Reverse(x, c)]).ToArray();
        var loadCols = c == 0 ? ePrime : Rotate(ePrime, lanePrime, down: false);
        var loadRow = new Signal[k];
        for (int m = 0; m < k; m++)
        {
            var top = c == 0 ? null : K(m, c) - lanePrime!;
            loadRow[m] = top == null ? low! : low == null ? top : top.Concat(low);
        }

        // ---- write ports: load or compute
        var computeWriting = wr;
        for (int p = 0; p < 2; p++)
            for (int m = 0; m < k; m++)
            {
                var lr = loadRow[m];
                var loadHere = lv & (Parity(lr).Eq(K(p, 1)));
                var compAddr = p == 0 ? Signal.Mux(pAw, addrBw, addrAw) : Signal.Mux(pAw, addrAw, addrBw);
                var compData = p == 0 ? Signal.Mux(pAw, colB[m], colA[m]) : Signal.Mux(pAw, colA[m], colB[m]);
                mems[p, m].Write(loadHere | computeWriting,
                    Signal.Mux(lv, lr.Slice(rb - 1, 1), compAddr),
                    Signal.Mux(lv, loadCols[m], compData));
            }

        // ---- drain datapath
        var dBank1 = Reg(drainBank);
        var dSkew1 = Reg(Top(rowQ));
        var dCols = Enumerable.Range(0, k).Select(m => Signal.Mux(dBank1, cols[1][m], cols[0][m])).ToArray();
        var outLanes = Rotate(dCols, dSkew1, down: true).Select(x => Reg(x)).ToArray();   // cycle 2
        if (config.ScalesOutput)
        {
            var scaled = new Signal[k];
            var all = Enumerable.Range(0, config.N).Select(config.Scale).Distinct().Count() == 1;
            for (int j = 0; j < k; j++)
            {
                var factor = all ? K(config.Scale(0), w) : Reg(RomRead($"scale{j}", config.ScaleRom(j), rowQ));
                var u = Instantiate(mul, $"u_scale{j}");
                u.Connect("a", outLanes[j]);
                u.Connect("b", factor);
                scaled[j] = u.Output("y");
            }
            outLanes = scaled;
        }
        var pushValid = Pipeline(drainIssue, drainLatency);
        var fifo = new Fifo(k * w, fifoDepth);
        var fi = Instantiate(fifo, "u_out_fifo");
        fi.Connect("in_valid", pushValid);
        fi.Connect("in_data", Bus(outLanes));
        var outReady = Wire(1, "out_ready_w");
        fi.Connect("out_ready", outReady);
        var outValid = fi.Output("out_valid");
        var pop = outValid & outReady;
        outstandingN.Assign(outstanding + drainIssue.Resize(16) - pop.Resize(16));
        Output("out", new ValidReady(outValid, fi.Output("out_data"), outReady));
        FifoDepth = fifoDepth;
    }

    private Signal RomRead(string name, BigInteger[] words, Signal address)
    {
        var rom = Memory(name, words.Length, Config.Field.Bits);
        rom.Initialize(words);
        return rom.Read(address);
    }

    /// <summary>The configuration built.</summary>
    public NttConfig Config { get; }

    /// <summary>Cycles of the butterfly pipeline.</summary>
    public int ButterflyLatency { get; }

    /// <summary>Cycles from a step's reads to its writes.</summary>
    public int WriteLatency { get; }

    /// <summary>Idle cycles inserted after each stage (index s: between stage s and s + 1).</summary>
    public int[] Gaps { get; }

    /// <summary>Words of the output FIFO that absorbs back-pressure.</summary>
    public int FifoDepth { get; }
}
