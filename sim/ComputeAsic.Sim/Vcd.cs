using System.Text;
using ComputeAsic.Hdl;

namespace ComputeAsic.Sim;

/// <summary>
/// Writes a Value Change Dump (IEEE 1364 §18) that GTKWave and other viewers open: one scope per instance, the
/// clock, every port, register and stored signal; a sample per cycle at 10 ns per cycle, clock rising at 5 ns.
/// No date is written, so the file is deterministic.
/// </summary>
internal sealed class VcdWriter
{
    private readonly TextWriter _w;
    private readonly List<(string Id, int Width, Func<Bits> Read)> _vars = [];
    private string?[] _last = [];
    private readonly string _clockId;
    private ulong[] _buf = new ulong[1];

    public VcdWriter(TextWriter w, string topName, string clockName, IEnumerable<(string Scope, string Name, int Width, Func<Bits> Read)> signals)
    {
        _w = w;
        var list = signals.ToList();
        int next = 0;
        string Id()
        {
            var sb = new StringBuilder();
            int k = next++;
            do { sb.Append((char)(33 + k % 94)); k /= 94; } while (k > 0);
            return sb.ToString();
        }
        _clockId = Id();
        w.Write("$version ComputeAsic.Sim $end\n$timescale 1ns $end\n");
        w.Write($"$scope module {topName} $end\n");
        w.Write($"$var wire 1 {_clockId} {clockName} $end\n");
        var open = new List<string>();
        foreach (var group in list.GroupBy(s => s.Scope).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var path = group.Key.Length == 0 ? [] : group.Key.Split('.');
            int common = 0;
            while (common < open.Count && common < path.Length && open[common] == path[common]) common++;
            for (int k = open.Count; k > common; k--) w.Write("$upscope $end\n");
            open.RemoveRange(common, open.Count - common);
            for (int k = common; k < path.Length; k++)
            {
                w.Write($"$scope module {path[k]} $end\n");
                open.Add(path[k]);
            }
            foreach (var s in group)
            {
                string id = Id();
                string range = s.Width == 1 ? "" : $" [{s.Width - 1}:0]";
                w.Write($"$var wire {s.Width} {id} {s.Name}{range} $end\n");
                _vars.Add((id, s.Width, s.Read));
            }
        }
        for (int k = open.Count; k > 0; k--) w.Write("$upscope $end\n");
        w.Write("$upscope $end\n$enddefinitions $end\n");
        _last = new string?[_vars.Count];
    }

    /// <summary>Dumps the values of cycle <paramref name="cycle"/> (called after evaluation, before the clock edge).</summary>
    public void Sample(long cycle)
    {
        _w.Write($"#{cycle * 10}\n");
        if (cycle == 0) _w.Write("$dumpvars\n");
        _w.Write($"0{_clockId}\n");
        for (int i = 0; i < _vars.Count; i++)
        {
            var (id, width, read) = _vars[i];
            var v = read();
            if (_buf.Length < Limbs.Count(width)) _buf = new ulong[Limbs.Count(width)];
            var limbs = _buf.AsSpan(0, Limbs.Count(width));
            v.CopyTo(limbs);
            string text = width == 1 ? $"{limbs[0] & 1}{id}" : $"b{Limbs.ToBinary(limbs, width)} {id}";
            if (text == _last[i]) continue;
            _last[i] = text;
            _w.Write(text);
            _w.Write('\n');
        }
        if (cycle == 0) _w.Write("$end\n");
        _w.Write($"#{cycle * 10 + 5}\n1{_clockId}\n");
    }
}
