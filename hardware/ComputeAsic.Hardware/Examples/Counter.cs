using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Examples;

/// <summary>A counter with enable and synchronous reset: the smallest design that has state, used to smoke-test every tool.</summary>
public sealed class Counter : Module
{
    /// <summary>Counts cycles where <see cref="Enable"/> is 1.</summary>
    public Signal Enable { get; }

    /// <summary>The count, wrapping at 2^width.</summary>
    public Signal Count { get; }

    /// <summary>Builds a <paramref name="width"/>-bit counter.</summary>
    public Counter(int width = 8) : base($"counter_w{width}")
    {
        Enable = Input("en", 1);
        var count = Wire(width, "count_next");
        var state = Reg(count, enable: Enable, reset: 0, name: "count_q");
        count.Assign(state + Signal.Constant(1, width));
        Count = Output("count", state);
    }
}
