using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Shell;

/// <summary>
/// A UART transmitter, 8N1, N cycles a bit: a 1 on <c>start</c> while <c>ready</c> is 1
/// sends <c>data</c> (start bit, bits 0 to 7, stop bit); <c>ready</c> is 0 until the stop bit has been sent.
/// </summary>
public sealed class UartTx : Module
{
    /// <summary>The serial line (idle high).</summary>
    public Signal Tx { get; }

    /// <summary>1 when a byte may be started.</summary>
    public Signal Ready { get; }

    /// <summary>A transmitter for a bit time of <paramref name="clocksPerBit"/> cycles (at least 4).</summary>
    public UartTx(int clocksPerBit) : base($"uart_tx_c{clocksPerBit}")
    {
        if (clocksPerBit < 4) throw new ArgumentException($"clocks per bit {clocksPerBit} is below 4", nameof(clocksPerBit));
        int tw = UartRx.Width(clocksPerBit);
        static Signal C(long v, int w) => Signal.Constant(v, w);
        var start = Input("start", 1);
        var data = Input("data", 8);

        var busyD = Wire(1, "busy_d");
        var timerD = Wire(tw, "timer_d");
        var indexD = Wire(4, "index_d");
        var frameD = Wire(10, "frame_d");
        var busy = Reg(busyD, name: "busy_q");
        var timer = Reg(timerD, name: "timer_q");
        var index = Reg(indexD, name: "index_q");
        var frame = Reg(frameD, name: "frame_q");   // stop bit, data, start bit: shifted out from bit 0

        var go = ~busy & start;
        var tick = busy & timer.Eq(C(0, tw));
        var last = tick & index.Eq(C(9, 4));
        busyD.Assign(Signal.Mux(go, C(1, 1), Signal.Mux(last, C(0, 1), busy)));
        timerD.Assign(Signal.Mux(go | tick, C(clocksPerBit - 1, tw), Signal.Mux(busy, timer - C(1, tw), timer)));
        indexD.Assign(Signal.Mux(go, C(0, 4), Signal.Mux(tick, index + C(1, 4), index)));
        frameD.Assign(Signal.Mux(go, Signal.Concat(C(1, 1), data, C(0, 1)), Signal.Mux(tick, Signal.Concat(C(1, 1), frame.Slice(9, 1)), frame)));

        // Registered, stored inverted so the power-up zero is an idle (high) line.
        var lineN = Reg(~Signal.Mux(busyD, frameD.Slice(0, 0), C(1, 1)), name: "tx_n");
        Tx = Output("tx", ~lineN);
        Ready = Output("ready", ~busy);
    }
}
