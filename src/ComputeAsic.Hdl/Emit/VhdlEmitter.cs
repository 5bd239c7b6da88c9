using System.Numerics;
using System.Text;

namespace ComputeAsic.Hdl.Emit;

/// <summary>
/// Writes VHDL-2008 with numeric_std: one entity per circuit, ports as std_logic (1 bit) or std_logic_vector,
/// internal signals as unsigned, one concurrent assignment per node and one clocked process per reset style.
/// </summary>
public sealed class VhdlEmitter : Emitter
{
    /// <inheritdoc/>
    public override string Extension => ".vhd";

    /// <inheritdoc/>
    protected override string Comment => "--";

    /// <summary>A VHDL literal of an unsigned value: <c>x"0f"</c>, <c>"101"</c> or the sized <c>13x"1fff"</c>.</summary>
    public static string Literal(BigInteger value, int width)
    {
        if (width % 4 == 0) return $"x\"{Hex(value, width)}\"";
        if (width <= 32) return $"\"{Binary(value, width)}\"";
        return $"{I(width)}x\"{Hex(value, width)}\"";
    }

    /// <summary>A memory's initial value: all zero, or its contents word by word (zero words left to <c>others</c>).</summary>
    private static string Contents(Memory m)
    {
        if (m.Contents is not { } init) return "(others => (others => '0'))";
        var words = init.Select((v, i) => (v, i)).Where(t => !t.v.IsZero).Select(t => $"{I(t.i)} => {Literal(t.v, m.Width)}");
        return "(" + string.Join(", ", words.Append("others => (others => '0')")) + ")";
    }

    /// <summary>The VHDL type of a port of a width: std_logic for one bit, std_logic_vector otherwise.</summary>
    public static string PortType(int width) => width == 1 ? "std_logic" : $"std_logic_vector({I(width - 1)} downto 0)";

    private static string U(int width) => $"unsigned({I(width - 1)} downto 0)";

    /// <inheritdoc/>
    protected override string Body(Design design, Circuit c)
    {
        string entity = design.EntityName(c);
        var sb = new StringBuilder();
        sb.Append("library ieee;\nuse ieee.std_logic_1164.all;\nuse ieee.numeric_std.all;\n\n");
        sb.Append("entity ").Append(entity).Append(" is\n  port (\n");
        var ports = new List<string>();
        if (c.HasClock) ports.Add($"    {c.Clock.Clock} : in std_logic");
        if (c.HasReset) ports.Add($"    {c.Clock.Reset} : in std_logic");
        foreach (var p in c.Inputs) ports.Add($"    {p.Name} : in {PortType(p.Width)}");
        foreach (var p in c.Outputs) ports.Add($"    {p.Name} : out {PortType(p.Width)}");
        sb.Append(string.Join(";\n", ports)).Append("\n  );\nend entity ").Append(entity).Append(";\n\n");

        sb.Append("architecture rtl of ").Append(entity).Append(" is\n");
        string Ref(Signal s) => s.Op == Op.Input ? c.NameOf(s) + "_i" : c.NameOf(s);
        foreach (var p in c.Inputs) sb.Append("  signal ").Append(p.Name).Append("_i : ").Append(U(p.Width)).Append(";\n");
        foreach (var m in c.Memories)
        {
            string n = c.NameOf(m);
            sb.Append("  type ").Append(n).Append("_t is array (0 to ").Append(I(m.Depth - 1)).Append(") of ").Append(U(m.Width)).Append(";\n");
            sb.Append("  signal ").Append(n).Append(" : ").Append(n).Append("_t := ").Append(Contents(m)).Append(";\n");
        }
        foreach (var s in c.Nodes)
        {
            switch (s.Op)
            {
                case Op.Input: break;
                case Op.Const:
                    sb.Append("  constant ").Append(c.NameOf(s)).Append(" : ").Append(U(s.Width)).Append(" := ").Append(Literal(s.ConstValue, s.Width)).Append(";\n");
                    break;
                case Op.Reg or Op.MemRead:
                    sb.Append("  signal ").Append(c.NameOf(s)).Append(" : ").Append(U(s.Width)).Append(" := (others => '0');\n");
                    break;
                default:
                    sb.Append("  signal ").Append(c.NameOf(s)).Append(" : ").Append(U(s.Width)).Append(";\n");
                    break;
            }
        }
        sb.Append("begin\n");
        foreach (var p in c.Inputs)
            sb.Append("  ").Append(p.Name).Append("_i <= ").Append(p.Width == 1 ? $"(0 => {p.Name})" : $"unsigned({p.Name})").Append(";\n");

        foreach (var s in c.Nodes)
        {
            string n = c.NameOf(s);
            var o = s.Operands;
            string? e = s.Op switch
            {
                Op.Add => $"{Ref(o[0])} + {Ref(o[1])}",
                Op.Sub => $"{Ref(o[0])} - {Ref(o[1])}",
                Op.Mul => $"{Ref(o[0])} * {Ref(o[1])}",
                Op.And => $"{Ref(o[0])} and {Ref(o[1])}",
                Op.Or => $"{Ref(o[0])} or {Ref(o[1])}",
                Op.Xor => $"{Ref(o[0])} xor {Ref(o[1])}",
                Op.Not => $"not {Ref(o[0])}",
                Op.Eq => $"\"1\" when {Ref(o[0])} = {Ref(o[1])} else \"0\"",
                Op.Lt => $"\"1\" when {Ref(o[0])} < {Ref(o[1])} else \"0\"",
                Op.Slice => $"{Ref(o[0])}({I(s.SliceLow + s.Width - 1)} downto {I(s.SliceLow)})",
                Op.Concat => string.Join(" & ", o.Select(Ref)),
                Op.Wire => Ref(o[0]),
                _ => null,
            };
            if (s.Op == Op.Mux && o.Count == 3) e = $"{Ref(o[2])} when {Ref(o[0])} = \"1\" else {Ref(o[1])}";
            if (e != null)
            {
                sb.Append("  ").Append(n).Append(" <= ").Append(e).Append(";\n");
            }
            else if (s.Op == Op.Mux)
            {
                sb.Append("  with ").Append(Ref(o[0])).Append(" select ").Append(n).Append(" <=\n");
                int sw = o[0].Width;
                for (int i = 1; i < o.Count - 1; i++)
                    sb.Append("    ").Append(Ref(o[i])).Append(" when ").Append('"').Append(Binary(i - 1, sw)).Append("\",\n");
                sb.Append("    ").Append(Ref(o[^1])).Append(" when others;\n");
            }
        }

        foreach (var inst in c.Instances)
        {
            var child = c.ChildOf(inst);
            sb.Append("  ").Append(c.NameOf(inst)).Append(" : entity work.").Append(design.EntityName(child)).Append("\n    port map (\n");
            var maps = new List<string>();
            if (child.HasClock) maps.Add($"      {child.Clock.Clock} => {c.Clock.Clock}");
            if (child.HasReset) maps.Add($"      {child.Clock.Reset} => {c.Clock.Reset}");
            foreach (var p in child.Inputs)
            {
                inst.TryGetConnection(p.Name, out var v);
                maps.Add(p.Width == 1 ? $"      {p.Name} => {Ref(v)}(0)" : $"      {p.Name} => std_logic_vector({Ref(v)})");
            }
            var outs = UsedOutputs(c, inst);
            foreach (var p in child.Outputs)
            {
                if (!outs.TryGetValue(p.Name, out var used)) maps.Add($"      {p.Name} => open");
                else maps.Add(p.Width == 1 ? $"      {p.Name} => {c.NameOf(used)}(0)" : $"      unsigned({p.Name}) => {c.NameOf(used)}");
            }
            sb.Append(string.Join(",\n", maps)).Append("\n    );\n");
        }

        EmitProcesses(sb, c, Ref);

        foreach (var p in c.Outputs)
            sb.Append("  ").Append(p.Name).Append(" <= ").Append(p.Width == 1 ? $"{Ref(p.Signal)}(0)" : $"std_logic_vector({Ref(p.Signal)})").Append(";\n");
        sb.Append("end architecture rtl;\n");
        return sb.ToString();
    }

    private static void EmitProcesses(StringBuilder sb, Circuit c, Func<Signal, string> Ref)
    {
        string clk = c.Clock.Clock, rst = c.Clock.Reset;
        string asserted = c.Clock.ResetActiveLow ? "'0'" : "'1'";
        var (withReset, plain) = RegistersByReset(c);

        string Assign(Signal r, string indent)
        {
            string a = $"{c.NameOf(r)} <= {Ref(r.Operands[0])};";
            return r.Enable is { } en ? $"{indent}if {Ref(en)} = \"1\" then\n{indent}  {a}\n{indent}end if;\n" : $"{indent}{a}\n";
        }

        if (withReset.Count > 0)
        {
            if (c.Clock.AsyncReset)
            {
                sb.Append("  process (").Append(clk).Append(", ").Append(rst).Append(")\n  begin\n");
                sb.Append("    if ").Append(rst).Append(" = ").Append(asserted).Append(" then\n");
                foreach (var r in withReset) sb.Append("      ").Append(c.NameOf(r)).Append(" <= ").Append(Literal(r.ResetValue!.Value, r.Width)).Append(";\n");
                sb.Append("    elsif rising_edge(").Append(clk).Append(") then\n");
                foreach (var r in withReset) sb.Append(Assign(r, "      "));
                sb.Append("    end if;\n  end process;\n");
            }
            else
            {
                sb.Append("  process (").Append(clk).Append(")\n  begin\n    if rising_edge(").Append(clk).Append(") then\n");
                foreach (var r in withReset)
                {
                    sb.Append("      if ").Append(rst).Append(" = ").Append(asserted).Append(" then\n");
                    sb.Append("        ").Append(c.NameOf(r)).Append(" <= ").Append(Literal(r.ResetValue!.Value, r.Width)).Append(";\n");
                    if (r.Enable is { } en) sb.Append("      elsif ").Append(Ref(en)).Append(" = \"1\" then\n");
                    else sb.Append("      else\n");
                    sb.Append("        ").Append(c.NameOf(r)).Append(" <= ").Append(Ref(r.Operands[0])).Append(";\n      end if;\n");
                }
                sb.Append("    end if;\n  end process;\n");
            }
        }

        if (plain.Count > 0 || c.Memories.Count > 0)
        {
            sb.Append("  process (").Append(clk).Append(")\n  begin\n    if rising_edge(").Append(clk).Append(") then\n");
            foreach (var r in plain) sb.Append(Assign(r, "      "));
            foreach (var m in c.Memories)
            {
                string mn = c.NameOf(m);
                foreach (var rd in m.ReadPorts.Where(c.Index.ContainsKey))
                {
                    string a = $"{c.NameOf(rd)} <= {mn}(to_integer({Ref(rd.Operands[0])}));";
                    sb.Append(rd.Enable is { } en ? $"      if {Ref(en)} = \"1\" then\n        {a}\n      end if;\n" : $"      {a}\n");
                }
                foreach (var w in m.WritePorts)
                    sb.Append("      if ").Append(Ref(w.Enable)).Append(" = \"1\" then\n        ").Append(mn).Append("(to_integer(").Append(Ref(w.Address))
                      .Append(")) <= ").Append(Ref(w.Data)).Append(";\n      end if;\n");
            }
            sb.Append("    end if;\n  end process;\n");
        }
    }
}
