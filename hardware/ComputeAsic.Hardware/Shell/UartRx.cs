using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Shell;

/// <summary>
/// A UART receiver, 8 data bits, no parity, one stop bit (8N1), for N clock cycles a bit.
/// The line is synchronised through two registers, each bit is sampled in its middle, and a frame whose start bit does
/// not hold or whose stop bit is 0 is dropped; the next frame starts at the next falling edge. <see cref="Valid"/> is 1 for one cycle with each good byte.
/// </summary>
/// <remarks>No reset port: every register starts at zero (iCE40 and ECP5 flip-flops power up so), which is why the
/// synchroniser stores the line inverted (0 = idle high).</remarks>
public sealed class UartRx : Module
{
    /// <summary>One cycle per received byte.</summary>
    public Signal Valid { get; }

    /// <summary>The last byte received (held until the next).</summary>
    public Signal Data { get; }

    /// <summary>A receiver for a bit time of <paramref name="clocksPerBit"/> cycles (at least 4).</summary>
    public UartRx(int clocksPerBit) : base($"uart_rx_c{clocksPerBit}")
    {
        if (clocksPerBit < 4) throw new ArgumentException($"clocks per bit {clocksPerBit} is below 4", nameof(clocksPerBit));
        int tw = Width(clocksPerBit);
        static Signal C(long v, int w) => Signal.Constant(v, w);
        var rx = Input("rx", 1);
        var line = ~Reg(Reg(~rx, name: "rx_meta_n"), name: "rx_sync_n");
        var wasHigh = ~Reg(~line, name: "rx_prev_n");

        var busyD = Wire(1, "busy_d");
        var timerD = Wire(tw, "timer_d");
        var indexD = Wire(4, "index_d");
        var shiftD = Wire(8, "shift_d");
        var busy = Reg(busyD, name: "busy_q");
        var timer = Reg(timerD, name: "timer_q");
        var index = Reg(indexD, name: "index_q");
        var shift = Reg(shiftD, name: "shift_q");

        var start = ~busy & ~line & wasHigh;   // a falling edge: a line held low after a bad frame starts nothing
        var tick = busy & timer.Eq(C(0, tw));
        var atStart = index.Eq(C(0, 4));
        var atStop = index.Eq(C(9, 4));
        var falseStart = tick & atStart & line;
        var done = tick & atStop;
        var dataBit = tick & ~atStart & ~atStop;

        busyD.Assign(Signal.Mux(start, C(1, 1), Signal.Mux(falseStart | done, C(0, 1), busy)));
        timerD.Assign(Signal.Mux(start, C(clocksPerBit / 2 - 1, tw), Signal.Mux(tick, C(clocksPerBit - 1, tw), Signal.Mux(busy, timer - C(1, tw), timer))));
        indexD.Assign(Signal.Mux(start, C(0, 4), Signal.Mux(tick, index + C(1, 4), index)));
        shiftD.Assign(Signal.Mux(dataBit, Signal.Concat(line, shift.Slice(7, 1)), shift));

        Valid = Output("valid", Reg(done & line, name: "valid_q"));
        Data = Output("data", shift);
    }

    /// <summary>Bits of a counter that holds values up to <paramref name="max"/>.</summary>
    internal static int Width(int max) => System.Math.Max(1, 32 - int.LeadingZeroCount(max));
}
