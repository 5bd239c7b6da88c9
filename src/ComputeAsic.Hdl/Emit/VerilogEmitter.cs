using System.Numerics;
using System.Text;

namespace ComputeAsic.Hdl.Emit;

/// <summary>
/// Writes Verilog-2005 from the same circuits as <see cref="VhdlEmitter"/>: one module per circuit, continuous
/// assignments for logic, one always block per reset style, registers initialised to zero, memories to their contents (RAMs to zero outside synthesis).
/// </summary>
public sealed class VerilogEmitter : Emitter
{
    /// <inheritdoc/>
    public override string Extension => ".v";

    /// <inheritdoc/>
    protected override string Comment => "//";

    /// <summary>A sized Verilog literal, e.g. <c>8'h2a</c>.</summary>
    public static string Literal(BigInteger value, int width) => $"{I(width)}'h{Hex(value, width)}";

    /// <summary>The range part of a declaration: empty for one bit, <c>[w-1:0] </c> otherwise.</summary>
    public static string Range(int width) => width == 1 ? "" : $"[{I(width - 1)}:0] ";

    /// <summary>Justification written above the waivers every module carries (Verilator -Wall is otherwise clean).</summary>
    public const string WaiverNote =
        "// Waivers: UNUSEDSIGNAL - slices deliberately drop bits of wider values, and unused inputs are already reported\n" +
        "// by the C# design-rule check; UNUSEDPARAM - constants may be used only in part.\n";

    /// <inheritdoc/>
    protected override string Body(Design design, Circuit c)
    {
        string module = design.EntityName(c);
        var sb = new StringBuilder();
        sb.Append(WaiverNote).Append("/* verilator lint_off UNUSEDSIGNAL */\n/* verilator lint_off UNUSEDPARAM */\n");
        sb.Append("module ").Append(module).Append(" (\n");
        var ports = new List<string>();
        if (c.HasClock) ports.Add($"    input wire {c.Clock.Clock}");
        if (c.HasReset) ports.Add($"    input wire {c.Clock.Reset}");
        foreach (var p in c.Inputs) ports.Add($"    input wire {Range(p.Width)}{p.Name}");
        foreach (var p in c.Outputs) ports.Add($"    output wire {Range(p.Width)}{p.Name}");
        sb.Append(string.Join(",\n", ports)).Append("\n);\n");

        string Ref(Signal s) => c.NameOf(s);
        foreach (var m in c.Memories)
        {
            string n = c.NameOf(m);
            sb.Append("    reg ").Append(Range(m.Width)).Append(n).Append(" [0:").Append(I(m.Depth - 1)).Append("];\n");
        }
        foreach (var s in c.Nodes)
        {
            switch (s.Op)
            {
                case Op.Input: break;
                case Op.Const:
                    sb.Append("    localparam ").Append(Range(s.Width)).Append(c.NameOf(s)).Append(" = ").Append(Literal(s.ConstValue, s.Width)).Append(";\n");
                    break;
                case Op.Reg or Op.MemRead:
                    sb.Append("    reg ").Append(Range(s.Width)).Append(c.NameOf(s)).Append(" = ").Append(Literal(0, s.Width)).Append(";\n");
                    break;
                case Op.Mux when s.Operands.Count > 3:
                    sb.Append("    reg ").Append(Range(s.Width)).Append(c.NameOf(s)).Append(";\n");
                    break;
                default:
                    sb.Append("    wire ").Append(Range(s.Width)).Append(c.NameOf(s)).Append(";\n");
                    break;
            }
        }
        if (c.Memories.Count > 0)
        {
            // RAMs start at zero in simulation; Yosys (which defines SYNTHESIS) skips those loops, because it unrolls
            // initial loops at a cost that grows with the square of the words. ROMs list every word.
            var rams = c.Memories.Where(m => m.Contents == null).ToList();
            if (rams.Count > 0) sb.Append("    integer init_i;\n");
            sb.Append("    initial begin\n");
            if (rams.Count > 0)
            {
                sb.Append("`ifndef SYNTHESIS\n");
                foreach (var m in rams)
                    sb.Append("        for (init_i = 0; init_i < ").Append(I(m.Depth)).Append("; init_i = init_i + 1) ").Append(c.NameOf(m))
                      .Append("[init_i] = ").Append(Literal(0, m.Width)).Append(";\n");
                sb.Append("`endif\n");
            }
            foreach (var m in c.Memories)
                for (int i = 0; i < (m.Contents?.Count ?? 0); i++)
                    sb.Append("        ").Append(c.NameOf(m)).Append('[').Append(I(i)).Append("] = ").Append(Literal(m.Contents![i], m.Width)).Append(";\n");
            sb.Append("    end\n");
        }

        foreach (var s in c.Nodes)
        {
            string n = c.NameOf(s);
            var o = s.Operands;
            string? e = s.Op switch
            {
                Op.Add => $"{Ref(o[0])} + {Ref(o[1])}",
                Op.Sub => $"{Ref(o[0])} - {Ref(o[1])}",
                Op.Mul => $"{Widen(o[0], s.Width, Ref)} * {Widen(o[1], s.Width, Ref)}",
                Op.And => $"{Ref(o[0])} & {Ref(o[1])}",
                Op.Or => $"{Ref(o[0])} | {Ref(o[1])}",
                Op.Xor => $"{Ref(o[0])} ^ {Ref(o[1])}",
                Op.Not => $"~{Ref(o[0])}",
                Op.Eq => $"{Ref(o[0])} == {Ref(o[1])}",
                Op.Lt => $"{Ref(o[0])} < {Ref(o[1])}",
                Op.Slice => s.Width == 1 ? $"{Ref(o[0])}[{I(s.SliceLow)}]" : $"{Ref(o[0])}[{I(s.SliceLow + s.Width - 1)}:{I(s.SliceLow)}]",
                Op.Concat => "{" + string.Join(", ", o.Select(Ref)) + "}",
                Op.Wire => Ref(o[0]),
                Op.Mux when o.Count == 3 => $"{Ref(o[0])} ? {Ref(o[2])} : {Ref(o[1])}",
                _ => null,
            };
            if (e != null)
            {
                sb.Append("    assign ").Append(n).Append(" = ").Append(e).Append(";\n");
            }
            else if (s.Op == Op.Mux)
            {
                int sw = o[0].Width;
                sb.Append("    always @(*) begin\n        case (").Append(Ref(o[0])).Append(")\n");
                for (int i = 1; i < o.Count - 1; i++)
                    sb.Append("            ").Append(I(sw)).Append("'d").Append(I(i - 1)).Append(": ").Append(n).Append(" = ").Append(Ref(o[i])).Append(";\n");
                sb.Append("            default: ").Append(n).Append(" = ").Append(Ref(o[^1])).Append(";\n        endcase\n    end\n");
            }
        }

        foreach (var inst in c.Instances)
        {
            var child = c.ChildOf(inst);
            sb.Append("    ").Append(design.EntityName(child)).Append(' ').Append(c.NameOf(inst)).Append(" (\n");
            var maps = new List<string>();
            if (child.HasClock) maps.Add($"        .{child.Clock.Clock}({c.Clock.Clock})");
            if (child.HasReset) maps.Add($"        .{child.Clock.Reset}({c.Clock.Reset})");
            foreach (var p in child.Inputs)
            {
                inst.TryGetConnection(p.Name, out var v);
                maps.Add($"        .{p.Name}({Ref(v)})");
            }
            var outs = UsedOutputs(c, inst);
            foreach (var p in child.Outputs)
                maps.Add(outs.TryGetValue(p.Name, out var used) ? $"        .{p.Name}({c.NameOf(used)})" : $"        .{p.Name}()");
            sb.Append(string.Join(",\n", maps)).Append("\n    );\n");
        }

        EmitAlways(sb, c, Ref);
        foreach (var p in c.Outputs) sb.Append("    assign ").Append(p.Name).Append(" = ").Append(Ref(p.Signal)).Append(";\n");
        sb.Append("endmodule\n");
        return sb.ToString();
    }

    private static string Widen(Signal s, int width, Func<Signal, string> Ref) =>
        s.Width == width ? Ref(s) : $"{{{{{I(width - s.Width)}{{1'b0}}}}, {Ref(s)}}}";

    private static void EmitAlways(StringBuilder sb, Circuit c, Func<Signal, string> Ref)
    {
        string clk = c.Clock.Clock, rst = c.Clock.Reset;
        string asserted = c.Clock.ResetActiveLow ? $"!{rst}" : rst;
        var (withReset, plain) = RegistersByReset(c);

        string Assign(Signal r) => r.Enable is { } en
            ? $"if ({Ref(en)}) {c.NameOf(r)} <= {Ref(r.Operands[0])};"
            : $"{c.NameOf(r)} <= {Ref(r.Operands[0])};";

        if (withReset.Count > 0)
        {
            string sens = c.Clock.AsyncReset ? $"posedge {clk} or {(c.Clock.ResetActiveLow ? "negedge" : "posedge")} {rst}" : $"posedge {clk}";
            sb.Append("    always @(").Append(sens).Append(") begin\n");
            if (c.Clock.AsyncReset)
            {
                sb.Append("        if (").Append(asserted).Append(") begin\n");
                foreach (var r in withReset) sb.Append("            ").Append(c.NameOf(r)).Append(" <= ").Append(Literal(r.ResetValue!.Value, r.Width)).Append(";\n");
                sb.Append("        end else begin\n");
                foreach (var r in withReset) sb.Append("            ").Append(Assign(r)).Append('\n');
                sb.Append("        end\n");
            }
            else
            {
                foreach (var r in withReset)
                {
                    sb.Append("        if (").Append(asserted).Append(") ").Append(c.NameOf(r)).Append(" <= ").Append(Literal(r.ResetValue!.Value, r.Width)).Append(";\n");
                    sb.Append("        else ").Append(Assign(r)).Append('\n');
                }
            }
            sb.Append("    end\n");
        }
        if (plain.Count > 0 || c.Memories.Count > 0)
        {
            sb.Append("    always @(posedge ").Append(clk).Append(") begin\n");
            foreach (var r in plain) sb.Append("        ").Append(Assign(r)).Append('\n');
            foreach (var m in c.Memories)
            {
                string mn = c.NameOf(m);
                foreach (var rd in m.ReadPorts.Where(c.Index.ContainsKey))
                {
                    string a = $"{c.NameOf(rd)} <= {mn}[{Ref(rd.Operands[0])}];";
                    sb.Append("        ").Append(rd.Enable is { } en ? $"if ({Ref(en)}) {a}" : a).Append('\n');
                }
                foreach (var w in m.WritePorts)
                    sb.Append("        if (").Append(Ref(w.Enable)).Append(") ").Append(mn).Append('[').Append(Ref(w.Address)).Append("] <= ").Append(Ref(w.Data)).Append(";\n");
            }
            sb.Append("    end\n");
        }
    }
}
