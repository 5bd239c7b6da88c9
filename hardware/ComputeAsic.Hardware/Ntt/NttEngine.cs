using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hardware.Examples;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Ntt;

/// <summary>
/// A streaming radix-2 NTT engine equal to <c>CpuKernels.Ntt</c>: N elements enter k per beat in natural order on
/// <c>in</c> (lane j at bits [j·w, (j+1)·w)), are stored bit-reversed in 2k banked memories (<see cref="NttConfig"/>),
/// transformed in place by k pipelined Cooley–Tukey butterflies (2k reads and 2k writes a cycle, no bank conflict,
/// twiddles from per-lane ROMs), and leave k per beat in natural order on <c>out</c>. Each of
/// <see cref="NttConfig.Buffers"/> buffers goes load, compute, drain in turn under three independent controllers, so
/// with two buffers the next transform loads while this one computes and the last one drains. <c>computing</c> is high
/// while the butterflies own a buffer (benches count it against the bound).
/// </summary>
public sealed class NttEngine : Module
{
    /// <summary>States of a buffer: being loaded (or free), loaded and waiting for or under compute, computed and waiting for or under drain.</summary>
    public const int Empty = 0, Loaded = 1, Computed = 2;

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
        Signal Down(Signal q) => Signal.Mux(q.Eq(K(0, q.Width)), q, q - K(1, q.Width)); // counts down to zero and holds

        // ---- control: a load, a compute and a drain controller, each taking the buffers in turn
        int buffers = config.Buffers, pb = 2, waitBits = 16;
        Signal Ptr(Signal q, Signal inc) => Signal.Mux(inc, Signal.Mux(q.Eq(K(buffers - 1, pb)), K(0, pb), q + K(1, pb)), q);
        var state = new Signal[buffers];
        var stateN = new Signal[buffers];
        for (int b = 0; b < buffers; b++)
        {
            stateN[b] = Wire(2, $"buf{b}_state_next");
            state[b] = Reg(stateN[b], reset: Empty, name: $"buf{b}_state_q");
        }
        Signal StateOf(Signal ptr) => buffers == 1 ? state[0] : Signal.Select(ptr, state);
        int sb = 1;
        while ((1 << sb) < n) sb++;
        int tb = ab;   // steps per stage = 2^(rb-1)

        // load: beats into buffer lptr while it is empty; it becomes loaded once the last write has landed
        var lptrN = Wire(pb, "lptr_next");
        var lptr = Reg(lptrN, reset: 0, name: "lptr_q");
        var ltailN = Wire(1, "ltail_next");
        var ltail = Reg(ltailN, reset: 0, name: "ltail_q");
        var lwaitN = Wire(waitBits, "lwait_next");
        var lwait = Reg(lwaitN, reset: 0, name: "lwait_q");
        var beat = Wire(rb, "beat_next");
        var beatQ = Reg(beat, reset: 0, name: "beat_q");
        var inReady = StateOf(lptr).Eq(K(Empty, 2)) & ~ltail;
        var fire = input.Valid & inReady;
        beat.Assign(Count(beatQ, rb, fire));
        input.Ready.Assign(inReady);
        var lastBeat = fire & beatQ.Eq(K(config.Rows - 1, rb));
        var loadDone = ltail & lwait.Eq(K(0, waitBits));
        ltailN.Assign(Signal.Mux(lastBeat, K(1, 1), Signal.Mux(loadDone, K(0, 1), ltail)));
        lwaitN.Assign(Signal.Mux(lastBeat, K(loadLatency - 1, waitBits), Down(lwait)));
        lptrN.Assign(Ptr(lptr, loadDone));

        // compute: stages of butterfly steps on buffer cptr once it is loaded; computed once the last write has landed
        var cptrN = Wire(pb, "cptr_next");
        var cptr = Reg(cptrN, reset: 0, name: "cptr_q");
        var ctailN = Wire(1, "ctail_next");
        var ctail = Reg(ctailN, reset: 0, name: "ctail_q");
        var cwaitN = Wire(waitBits, "cwait_next");
        var cwait = Reg(cwaitN, reset: 0, name: "cwait_q");
        var stageN = Wire(sb, "stage_next");
        var stage = Reg(stageN, reset: 0, name: "stage_q");
        var stepN = Wire(tb, "step_next");
        var step = Reg(stepN, reset: 0, name: "step_q");
        var gapN = Wire(waitBits, "gap_next");
        var gap = Reg(gapN, reset: 0, name: "gap_q");
        var computing = StateOf(cptr).Eq(K(Loaded, 2)) & ~ctail;
        var issue = computing & gap.Eq(K(0, waitBits));
        var lastStep = issue & step.Eq(K(steps - 1, tb));
        var lastStage = stage.Eq(K(n - 1, sb));
        var finalStep = lastStep & lastStage;
        stepN.Assign(Signal.Mux(lastStep, K(0, tb), Count(step, tb, issue)));
        stageN.Assign(Signal.Mux(lastStep, Signal.Mux(lastStage, K(0, sb), stage + K(1, sb)), stage));
        var gapAfter = Signal.Select(stage, Gaps.Select(g => K(g, waitBits)).Append(K(0, waitBits)).ToArray());
        gapN.Assign(Signal.Mux(lastStep & ~lastStage, gapAfter, Down(gap)));
        var computeDone = ctail & cwait.Eq(K(0, waitBits));
        ctailN.Assign(Signal.Mux(finalStep, K(1, 1), Signal.Mux(computeDone, K(0, 1), ctail)));
        cwaitN.Assign(Signal.Mux(finalStep, K(WriteLatency - 1, waitBits), Down(cwait)));
        cptrN.Assign(Ptr(cptr, computeDone));

        // drain: rows of buffer dptr once computed, while the output FIFO has room; empty once the last row is read
        var dptrN = Wire(pb, "dptr_next");
        var dptr = Reg(dptrN, reset: 0, name: "dptr_q");
        var outstandingN = Wire(16, "outstanding_next");
        var outstanding = Reg(outstandingN, reset: 0, name: "outstanding_q");
        int fifoDepth = 4;
        while (fifoDepth < drainLatency + 8) fifoDepth *= 2;
        var row = Wire(rb, "row_next");
        var rowQ = Reg(row, reset: 0, name: "row_q");
        var draining = StateOf(dptr).Eq(K(Computed, 2));
        var drainIssue = draining & (outstanding < K(fifoDepth, 16));
        row.Assign(Count(rowQ, rb, drainIssue));
        var lastRow = drainIssue & rowQ.Eq(K(config.Rows - 1, rb));
        dptrN.Assign(Ptr(dptr, lastRow));

        for (int b = 0; b < buffers; b++)
        {
            var bk = K(b, pb);
            stateN[b].Assign(Signal.Mux(loadDone & lptr.Eq(bk), K(Loaded, 2),
                Signal.Mux(computeDone & cptr.Eq(bk), K(Computed, 2),
                Signal.Mux(lastRow & dptr.Eq(bk), K(Empty, 2), state[b]))));
        }
        Output("computing", computing | ctail);

        // ---- memories: buffer u, bank p (row parity), column m; depth Rows / 2
        var mems = new Memory[buffers, 2, k];
        for (int u = 0; u < buffers; u++)
            for (int p = 0; p < 2; p++)
                for (int m = 0; m < k; m++) mems[u, p, m] = Memory(buffers == 1 ? $"bank{p}_col{m}" : $"buf{u}_bank{p}_col{m}", config.Rows / 2, w);

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
        var twAddrBits = rb;
        var twBase = Signal.Select(stage, Enumerable.Range(0, n).Select(s => K(s >= c ? config.TwiddleAddress(s, 0) : 0, twAddrBits)).ToArray());
        var twMask = Signal.Select(stage, Enumerable.Range(0, n).Select(s => K(s >= c ? (1 << (s - c)) - 1 : 0, twAddrBits)).ToArray());
        var twAddr = twBase + (step.Resize(twAddrBits) & twMask);

        // ---- drain addresses
        var drainBank = Parity(rowQ);
        var drainAddr = rowQ.Slice(rb - 1, 1);

        // ---- reads: the drain's buffer reads its row, every other buffer the compute addresses
        var dptr1 = Reg(dptr);
        var cols = new Signal[2][];
        var dcols = new Signal[2][];
        for (int p = 0; p < 2; p++)
        {
            var compAddr = p == 0 ? Signal.Mux(pA, addrB, addrA) : Signal.Mux(pA, addrA, addrB);
            var data = new Signal[buffers, k];
            for (int u = 0; u < buffers; u++)
            {
                var drainHere = draining & dptr.Eq(K(u, pb));
                for (int m = 0; m < k; m++) data[u, m] = mems[u, p, m].Read(Signal.Mux(drainHere, drainAddr, compAddr), name: $"rd{u}_{p}_{m}");
            }
            Signal Pick(Signal ptr, int m) => buffers == 1 ? data[0, m] : Signal.Select(ptr, Enumerable.Range(0, buffers).Select(u => data[u, m]).ToArray());
            cols[p] = Enumerable.Range(0, k).Select(m => Pick(cptr, m)).ToArray();
            dcols[p] = Enumerable.Range(0, k).Select(m => Pick(dptr1, m)).ToArray();
        }

        // ---- compute datapath
        var pA1 = Reg(pA);
        var skewA1 = Reg(Top(rowA));
        var skewB1 = Reg(Top(rowB));
        var rowAcols = Enumerable.Range(0, k).Select(m => Signal.Mux(pA1, cols[1][m], cols[0][m])).ToArray();
        var rowBcols = Enumerable.Range(0, k).Select(m => Signal.Mux(pA1, cols[0][m], cols[1][m])).ToArray();
        var xs = Rotate(rowAcols, skewA1, down: true).Concat(Rotate(rowBcols, skewB1, down: true)).Select(v => Reg(v)).ToArray();   // cycle 2
        var mode2 = Pipeline(mode, 2);
        var mode3 = Reg(mode2);
        var ys = new Signal[2 * k];
        var writers = new List<(int Lane, bool Upper)>[c + 1, 2 * k];
        for (int md = 0; md <= c; md++)
            for (int q = 0; q < 2 * k; q++) writers[md, q] = [];
        for (int j = 0; j < k; j++)
        {
            // in-row stages (mode < log2 k) take a constant per lane, the others the lane's ROM word
            var rom3 = Pipeline(RomRead($"twiddle{j}", config.TwiddleRom(j), twAddr), 2);
            var tw3 = c == 0 ? rom3 : Signal.Select(mode3, Enumerable.Range(0, c).Select(s => K(config.InRowTwiddle(s, j), w)).Append(rom3).ToArray());
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

        // ---- write ports: the loading buffer takes load writes, the others compute writes
        for (int u = 0; u < buffers; u++)
            for (int p = 0; p < 2; p++)
                for (int m = 0; m < k; m++)
                {
                    var lr = loadRow[m];
                    var loadBuf = lv & lptr.Eq(K(u, pb));
                    var loadHere = loadBuf & Parity(lr).Eq(K(p, 1));
                    var compHere = wr & cptr.Eq(K(u, pb));
                    var compAddr = p == 0 ? Signal.Mux(pAw, addrBw, addrAw) : Signal.Mux(pAw, addrAw, addrBw);
                    var compData = p == 0 ? Signal.Mux(pAw, colB[m], colA[m]) : Signal.Mux(pAw, colA[m], colB[m]);
                    mems[u, p, m].Write(loadHere | compHere,
                        Signal.Mux(loadBuf, lr.Slice(rb - 1, 1), compAddr),
                        Signal.Mux(loadBuf, loadCols[m], compData));
                }

        // ---- drain datapath
        var dBank1 = Reg(drainBank);
        var dSkew1 = Reg(Top(rowQ));
        var dCols = Enumerable.Range(0, k).Select(m => Signal.Mux(dBank1, dcols[1][m], dcols[0][m])).ToArray();
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
