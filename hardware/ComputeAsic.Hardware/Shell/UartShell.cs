using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Shell;

/// <summary>
/// A small card for boards without PCIe: a field multiplier behind a UART (8N1). The host speaks a tiny protocol of
/// bytes, operands and results little-endian in <see cref="OperandBytes"/> bytes each:
/// <list type="bullet">
/// <item><c>'M'</c> (0x4D), a, b: the card answers a·b mod p (a and b must be canonical, below p).</item>
/// <item><c>'P'</c> (0x50): the card answers p, so a host can tell which field it reaches.</item>
/// </list>
/// Other command bytes are ignored. <c>'M'</c> commands may be sent back to back (each answer is shorter than the next
/// command); a <c>'P'</c> that arrives while an answer is still going out is ignored, so a host waits for its answer.
/// </summary>
public sealed class UartShell : Module
{
    /// <summary>The command byte of a multiplication.</summary>
    public const byte Multiply = (byte)'M';

    /// <summary>The command byte asking for the modulus.</summary>
    public const byte Modulus = (byte)'P';

    /// <summary>Bytes of one operand or result on the wire.</summary>
    public int OperandBytes { get; }

    /// <summary>The field.</summary>
    public FieldSpec Field { get; }

    /// <summary>A shell around a multiplier of <paramref name="field"/>, the UART at <paramref name="clocksPerBit"/> cycles a bit.</summary>
    public UartShell(FieldSpec field, int clocksPerBit, ArithmeticOptions? options = null) : base($"uart_mod_mul_{field.Id}")
    {
        Field = field;
        int n = OperandBytes = (field.Bits + 7) / 8;
        int cw = UartRx.Width(2 * n);
        static Signal C(BigInteger v, int w) => Signal.Constant(v, w);

        var rxLine = Input("rx", 1);
        var rx = Instantiate(new UartRx(clocksPerBit), "u_rx");
        rx.Connect("rx", rxLine);
        var rxValid = rx.Output("valid");
        var rxData = rx.Output("data");

        var txStart = Wire(1, "tx_start");
        var txData = Wire(8, "tx_data");
        var tx = Instantiate(new UartTx(clocksPerBit), "u_tx");
        tx.Connect("start", txStart);
        tx.Connect("data", txData);
        var txReady = tx.Output("ready");

        // Receiving: 0 idle (waiting for a command), 1 receiving operands, 2 multiplying. Sending runs beside it, so the
        // next command may arrive while a result goes out.
        var stateD = Wire(2, "state_d");
        var countD = Wire(cw, "count_d");
        var sendCountD = Wire(cw, "send_count_d");
        var operandsD = Wire(16 * n, "operands_d");
        var resultD = Wire(8 * n, "result_d");
        var state = Reg(stateD, name: "state_q");
        var count = Reg(countD, name: "count_q");
        var sendCount = Reg(sendCountD, name: "send_count_q");
        var operands = Reg(operandsD, name: "operands_q");
        var result = Reg(resultD, name: "result_q");

        var idle = state.Eq(C(0, 2));
        var receiving = state.Eq(C(1, 2));
        var multiplying = state.Eq(C(2, 2));
        var sending = sendCount.Ne(C(0, cw));
        var cmdMul = idle & rxValid & rxData.Eq(C(Multiply, 8));
        var cmdMod = idle & rxValid & rxData.Eq(C(Modulus, 8)) & ~sending;
        var take = receiving & rxValid;
        var lastOperandByte = take & count.Eq(C(1, cw));
        var go = Reg(lastOperandByte, name: "go_q");

        var mul = Instantiate(new ModMulModule(field, options), "u_mul");
        mul.Connect("a", operands.Slice(field.Bits - 1, 0));
        mul.Connect("b", operands.Slice(8 * n + field.Bits - 1, 8 * n));
        int latency = ((ModMulModule)mul.Definition).Latency!.Value;
        var yValid = Pipeline(go, latency);
        var y = mul.Output("y").Resize(8 * n);

        // A product is ready only after a whole command (1 + 2n bytes) has arrived, so the previous reply (n bytes) is out.
        var product = multiplying & yValid;
        var send = sending & txReady;

        stateD.Assign(Signal.Mux(cmdMul, C(1, 2), Signal.Mux(lastOperandByte, C(2, 2), Signal.Mux(product, C(0, 2), state))));
        countD.Assign(Signal.Mux(cmdMul, C(2 * n, cw), Signal.Mux(take, count - C(1, cw), count)));
        sendCountD.Assign(Signal.Mux(cmdMod | product, C(n, cw), Signal.Mux(send, sendCount - C(1, cw), sendCount)));
        operandsD.Assign(Signal.Mux(take, Signal.Concat(rxData, operands.Slice(16 * n - 1, 8)), operands));
        resultD.Assign(Signal.Mux(cmdMod, C(field.Modulus, 8 * n), Signal.Mux(product, y,
            Signal.Mux(send, Signal.Concat(C(0, 8), result.Slice(8 * n - 1, 8)), result))));
        txStart.Assign(send);
        txData.Assign(result.Slice(7, 0));

        Output("tx", tx.Output("tx"));
        Output("busy", ~idle | sending);
    }
}
