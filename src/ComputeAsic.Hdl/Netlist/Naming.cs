using System.Reflection;
using System.Text;

namespace ComputeAsic.Hdl;

/// <summary>Identifier rules shared by VHDL and Verilog, so one name is legal in both emitted languages.</summary>
public static class Naming
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        // VHDL-2008
        "abs", "access", "after", "alias", "all", "and", "architecture", "array", "assert", "assume", "attribute", "begin",
        "block", "body", "buffer", "bus", "case", "component", "configuration", "constant", "context", "cover", "default",
        "disconnect", "downto", "else", "elsif", "end", "entity", "exit", "fairness", "file", "for", "force", "function",
        "generate", "generic", "group", "guarded", "if", "impure", "in", "inertial", "inout", "is", "label", "library",
        "linkage", "literal", "loop", "map", "mod", "nand", "new", "next", "nor", "not", "null", "of", "on", "open", "or",
        "others", "out", "package", "parameter", "port", "postponed", "procedure", "process", "property", "protected",
        "pure", "range", "record", "register", "reject", "release", "rem", "report", "restrict", "return", "rol", "ror",
        "select", "sequence", "severity", "shared", "signal", "sla", "sll", "sra", "srl", "strong", "subtype", "then",
        "to", "transport", "type", "unaffected", "units", "until", "use", "variable", "vmode", "vprop", "vunit", "wait",
        "when", "while", "with", "xnor", "xor",
        // numeric_std / std_logic_1164 names a signal must not hide
        "unsigned", "signed", "std_logic", "std_logic_vector", "resize", "rising_edge", "ieee", "work", "std", "natural", "integer",
        // Verilog-2005 and SystemVerilog keywords Verilator rejects
        "always", "assign", "automatic", "bit", "buf", "byte", "casex", "casez", "cell", "chandle", "class", "config",
        "deassign", "defparam", "design", "disable", "edge", "endcase", "endconfig", "endfunction", "endgenerate",
        "endmodule", "endprimitive", "endspecify", "endtable", "endtask", "event", "forever", "fork", "genvar", "highz0",
        "highz1", "ifnone", "incdir", "include", "initial", "input", "instance", "int", "join", "large", "liblist",
        "localparam", "logic", "longint", "macromodule", "medium", "module", "negedge", "nmos", "noshowcancelled",
        "notif0", "notif1", "output", "pmos", "posedge", "primitive", "pull0", "pull1", "pulldown", "pullup",
        "pulsestyle_ondetect", "pulsestyle_onevent", "rcmos", "real", "realtime", "reg", "repeat", "rnmos", "rpmos",
        "rtran", "rtranif0", "rtranif1", "scalared", "shortint", "showcancelled", "small", "specify", "specparam",
        "static", "string", "strong0", "strong1", "supply0", "supply1", "table", "task", "time", "tran", "tranif0",
        "tranif1", "tri", "tri0", "tri1", "triand", "trior", "trireg", "unsigned", "use", "uwire", "vectored", "wand",
        "weak0", "weak1", "wire", "wor", "struct", "enum", "typedef", "void", "this", "super", "final", "local",
    };

    /// <summary>Whether <paramref name="name"/> is legal in both languages: a letter, then letters, digits and single underscores, no trailing underscore, not a keyword.</summary>
    public static bool IsIdentifier(string name)
    {
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetter(name[0]) || name[^1] == '_' || name.Contains("__", StringComparison.Ordinal)) return false;
        foreach (char c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        return !Reserved.Contains(name);
    }

    /// <summary>Turns any C# name into a legal identifier (<c>_sumLo</c> becomes <c>sum_lo</c>-like <c>sumLo</c>; keywords get a suffix).</summary>
    public static string Sanitize(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name)
        {
            char x = char.IsAsciiLetterOrDigit(c) ? c : '_';
            if (x == '_' && (sb.Length == 0 || sb[^1] == '_')) continue;
            sb.Append(x);
        }
        while (sb.Length > 0 && sb[^1] == '_') sb.Length--;
        if (sb.Length == 0) return "n";
        if (!char.IsAsciiLetter(sb[0])) sb.Insert(0, "n_");
        string s = sb.ToString();
        return Reserved.Contains(s) ? s + "_s" : s;
    }

    /// <summary>Names unnamed signals after the module's C# fields and properties that hold them, so emitted HDL reads like the C#.</summary>
    internal static void NameFields(Module m)
    {
        for (var t = m.GetType(); t != null && t != typeof(Module); t = t.BaseType)
        {
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                string name = f.Name;
                if (name.StartsWith('<') && name.IndexOf('>') is int k and > 1) name = name[1..k];
                switch (f.GetValue(m))
                {
                    case Signal s when s.Name == null: s.Named(Sanitize(name)); break;
                    case Signal[] a:
                        for (int i = 0; i < a.Length; i++)
                            if (a[i] is { Name: null } x) x.Named($"{Sanitize(name)}_{i}");
                        break;
                    case Bundle b:
                        foreach (var bf in b.Fields())
                            if (bf.Signal.Name == null) bf.Signal.Named($"{Sanitize(name)}_{bf.Name}");
                        break;
                }
            }
        }
    }
}
