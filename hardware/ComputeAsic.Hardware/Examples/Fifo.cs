using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Examples;

/// <summary>
/// A first-in first-out queue on a synchronous-read memory (block RAM) with valid/ready streams on both sides; an
/// output register prefetches the head so the consumer sees data with valid. Holds <c>depth + 1</c> items.
/// </summary>
public sealed class Fifo : Module
{
    /// <summary>Items pushed (the FIFO drives ready: not full).</summary>
    public ValidReady In { get; }

    /// <summary>Items popped (valid: an item is waiting).</summary>
    public ValidReady Out { get; }

    /// <summary>Builds a FIFO of <paramref name="depth"/> (a power of two) <paramref name="width"/>-bit words.</summary>
    public Fifo(int width = 8, int depth = 16) : base($"fifo_w{width}_d{depth}")
    {
        In = Input("in", ValidReady.Shape(width));
        var mem = Memory("ram", depth, width);
        int aw = mem.AddressWidth;
        var wptr = Wire(aw + 1, "wptr_next");
        var rptr = Wire(aw + 1, "rptr_next");
        var wptrQ = Reg(wptr, reset: 0, name: "wptr_q");
        var rptrQ = Reg(rptr, reset: 0, name: "rptr_q");
        var used = wptrQ - rptrQ;
        var full = used.Eq(Signal.Constant(depth, aw + 1));
        var empty = used.Eq(Signal.Constant(0, aw + 1));

        var outReady = Wire(1, "out_ready_w");
        var outValid = Wire(1, "out_valid_next");
        var outValidQ = Reg(outValid, reset: 0, name: "out_valid_q");

        var push = In.Valid & ~full;
        var fetch = ~empty & (~outValidQ | outReady);
        mem.Write(push, wptrQ.Slice(aw - 1, 0), In.Data);
        var head = mem.Read(rptrQ.Slice(aw - 1, 0), enable: fetch, name: "head");
        var one = Signal.Constant(1, aw + 1);
        wptr.Assign(Signal.Mux(push, wptrQ + one, wptrQ));
        rptr.Assign(Signal.Mux(fetch, rptrQ + one, rptrQ));
        outValid.Assign(Signal.Mux(fetch, Signal.Constant(1, 1), outValidQ & ~outReady));
        In.Ready.Assign(~full);

        Out = Output("out", new ValidReady(outValidQ, head, outReady));
    }
}
