using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Examples;

/// <summary>
/// A pipelined adder tree: sums <c>n</c> inputs with a register after every level, so it takes one new set of inputs
/// per cycle and answers ceil(log2 n) cycles later, never overflowing (the sum grows by one bit per level).
/// </summary>
public sealed class AdderTree : Module
{
    /// <summary>The inputs x0..x(n-1).</summary>
    public Signal[] Terms { get; }

    /// <summary>The sum, delayed by <see cref="Module.Latency"/> cycles.</summary>
    public Signal Sum { get; }

    /// <summary>Builds a tree over <paramref name="count"/> inputs of <paramref name="width"/> bits.</summary>
    public AdderTree(int count = 8, int width = 16) : base($"adder_tree_n{count}_w{width}")
    {
        Terms = Enumerable.Range(0, count).Select(i => Input($"x{i}", width)).ToArray();
        var level = Terms.ToList();
        int levels = 0;
        while (level.Count > 1)
        {
            var next = new List<Signal>();
            int w = level[0].Width + 1;
            for (int i = 0; i < level.Count; i += 2)
            {
                var s = i + 1 < level.Count ? level[i].AddWithCarry(level[i + 1]) : level[i].Resize(w);
                next.Add(Reg(s, name: $"l{levels}_s{i / 2}"));
            }
            level = next;
            levels++;
        }
        Latency = levels;
        Sum = Output("sum", level[0]);
    }
}
