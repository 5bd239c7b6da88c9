using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Examples;

/// <summary>
/// A valid/ready register slice (skid buffer): registers valid, data and ready so long stream paths meet timing,
/// and still moves one item per cycle. A second (skid) register holds the item that arrives while the output stalls.
/// </summary>
public sealed class StreamStage : Module
{
    /// <summary>The upstream side (this stage drives its ready).</summary>
    public ValidReady In { get; }

    /// <summary>The downstream side (this stage reads its ready).</summary>
    public ValidReady Out { get; }

    /// <summary>Builds a slice for <paramref name="width"/>-bit items.</summary>
    public StreamStage(int width = 32) : base($"stream_stage_w{width}")
    {
        In = Input("in", ValidReady.Shape(width));
        var outReady = Wire(1, "out_ready_w");
        var one = Signal.Constant(1, 1);
        var zero = Signal.Constant(0, 1);

        var outValid = Wire(1, "out_valid_next");
        var outData = Wire(width, "out_data_next");
        var skidValid = Wire(1, "skid_valid_next");
        var skidData = Wire(width, "skid_data_next");
        var outValidQ = Reg(outValid, reset: 0, name: "out_valid_q");
        var outDataQ = Reg(outData, name: "out_data_q");
        var skidValidQ = Reg(skidValid, reset: 0, name: "skid_valid_q");
        var skidDataQ = Reg(skidData, name: "skid_data_q");

        var inReady = ~skidValidQ;
        var accept = In.Valid & inReady;
        var load = outReady | ~outValidQ;
        outValid.Assign(Signal.Mux(load, skidValidQ | In.Valid, outValidQ));
        outData.Assign(Signal.Mux(load, Signal.Mux(skidValidQ, skidDataQ, In.Data), outDataQ));
        skidValid.Assign(Signal.Mux(load, zero, Signal.Mux(accept, one, skidValidQ)));
        skidData.Assign(Signal.Mux(accept & ~load, In.Data, skidDataQ));
        In.Ready.Assign(inReady);

        Out = Output("out", new ValidReady(outValidQ, outDataQ, outReady));
    }
}
