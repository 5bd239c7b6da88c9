using System.Reflection;
using CommandLine;
using CommandLine.Text;
using ComputeAsic.Cli.Commands;

namespace ComputeAsic.Cli;

/// <summary>The parser's errors in the tool's words: nearest names suggested on a typo, allowed values listed, stray arguments refused.</summary>
internal static class CliErrors
{
    /// <summary>The closest candidate within a small edit distance (or the only one it begins), or null.</summary>
    public static string? Nearest(string given, IEnumerable<string> candidates)
    {
        var ranked = candidates.Select(c => (c, d: Distance(given.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(x => x.d).ThenBy(x => x.c, StringComparer.Ordinal).ToList();
        if (ranked.Count == 0) return null;
        var (best, distance) = ranked[0];
        if (distance <= (given.Length <= 3 ? 1 : given.Length <= 6 ? 2 : 3)) return best;
        var prefixed = ranked.Where(x => x.c.StartsWith(given, StringComparison.OrdinalIgnoreCase)).ToList();
        return prefixed.Count == 1 ? prefixed[0].c : null;
    }

    /// <summary>" (did you mean X?)" or nothing.</summary>
    public static string DidYouMean(string given, IEnumerable<string> candidates, string prefix = "") =>
        Nearest(given, candidates) is { } n ? $" (did you mean {prefix}{n}?)" : "";

    /// <summary>Edit distance counting a swap of neighbours as one edit (the commonest typo).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = System.Math.Min(System.Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = System.Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>The usage line of a verb, derived from its declared options: required ones plain, the rest in brackets.</summary>
    public static string Usage(string program, Type verb)
    {
        var parts = new List<string> { program, verb.GetCustomAttribute<VerbAttribute>()!.Name };
        foreach (var p in verb.GetProperties().Select(p => (p, v: p.GetCustomAttribute<ValueAttribute>())).Where(x => x.v != null).OrderBy(x => x.v!.Index))
            parts.Add(p.v!.Required ? p.v.MetaName.ToUpperInvariant() : $"[{p.v.MetaName.ToUpperInvariant()}]");
        foreach (var (property, option) in Options(verb).OrderBy(o => !o.Option.Required))
        {
            if (option.LongName == "verbose") continue;
            string shown = property.PropertyType == typeof(bool) ? $"--{option.LongName}" : $"--{option.LongName} {Meta(property, option)}";
            parts.Add(option.Required ? shown : $"[{shown}]");
        }
        return string.Join(" ", parts);
    }

    private static string Meta(PropertyInfo property, OptionAttribute option)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type.IsEnum) return string.Join("|", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        if (type == typeof(int) || type == typeof(long)) return "N";
        return string.IsNullOrEmpty(option.MetaValue) ? option.LongName.ToUpperInvariant().Replace("-", "_", StringComparison.Ordinal) : option.MetaValue;
    }

    /// <summary>The long names of a verb's options.</summary>
    public static IEnumerable<(PropertyInfo Property, OptionAttribute Option)> Options(Type verb) =>
        verb.GetProperties().Select(p => (p, o: p.GetCustomAttribute<OptionAttribute>())).Where(x => x.o != null).Select(x => (x.p, x.o!));

    /// <summary>One message per parser error, naming the option and, where it helps, the nearest name or the allowed values.</summary>
    public static string Describe(Error e, Type? verb, IReadOnlyList<string> verbNames) => e switch
    {
        BadVerbSelectedError v => $"unknown verb '{v.Token}'{DidYouMean(v.Token, verbNames)}",
        UnknownOptionError u => $"unknown option --{u.Token}{(verb == null ? "" : DidYouMean(u.Token, Options(verb).Select(o => o.Option.LongName), "--"))}",
        MissingRequiredOptionError m => m.NameInfo.LongName.Length > 0 ? $"missing --{m.NameInfo.LongName}" : "missing a required argument",
        MissingValueOptionError m => $"--{m.NameInfo.LongName}: missing its value",
        BadFormatConversionError b => $"--{b.NameInfo.LongName}: {Expected(verb, b.NameInfo.LongName)}",
        RepeatedOptionError r => $"--{r.NameInfo.LongName}: given more than once",
        NoVerbSelectedError => "no verb given",
        _ => SentenceBuilder.Create().FormatError(e).TrimEnd('.'),
    };

    private static string Expected(Type? verb, string option)
    {
        var property = verb == null ? null : Options(verb).FirstOrDefault(o => o.Option.LongName == option).Property;
        var type = property == null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type is { IsEnum: true }) return "expected " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        if (type == typeof(int) || type == typeof(long)) return "expected an integer";
        return "bad value";
    }

    /// <summary>Positional arguments beyond those the verb declares (the parser would ignore them); the first such one, or null.</summary>
    public static string? StrayArgument(Type verb, IReadOnlyList<string> args)
    {
        var options = Options(verb).ToDictionary(o => o.Option.LongName, o => o.Property, StringComparer.Ordinal);
        int positionals = verb.GetProperties().Count(p => p.GetCustomAttribute<ValueAttribute>() != null);
        int seen = 0;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--") return i + 1 < args.Count ? args[i + 1] : null;
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                string name = a[2..];
                int eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0) continue;
                if (options.TryGetValue(name, out var p) && p.PropertyType != typeof(bool)) i++;
                continue;
            }
            if (a.StartsWith('-') && a.Length > 1) continue;
            if (++seen > positionals) return a;
        }
        return null;
    }
}
