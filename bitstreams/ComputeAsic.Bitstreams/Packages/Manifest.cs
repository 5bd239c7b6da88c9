using System.Globalization;
using System.Text.Json;
using ComputeAsic.Math;

namespace ComputeAsic.Bitstreams.Packages;

/// <summary>A clock of the packaged design: the board's target and, when the build measured it, nextpnr's Fmax.</summary>
/// <param name="Port">The top-level port.</param>
/// <param name="TargetMhz">The board clock.</param>
/// <param name="AchievedMhz">The place-and-route Fmax, or null when unknown (vendor builds).</param>
public sealed record ManifestClock(string Port, double TargetMhz, double? AchievedMhz);

/// <summary>
/// What a package says about its payload, signed with it: the board and shell it is for, the top level and its design
/// hash, clocks, capabilities, tool versions and source commit. Stored as UTF-8 JSON (bitstreams/FORMAT.md).
/// </summary>
/// <param name="Board">Board catalog name.</param>
/// <param name="Part">FPGA part.</param>
/// <param name="ShellName">Host interface (<c>uart</c>, <c>xdma</c>, <c>aws-f1-shell</c>).</param>
/// <param name="ShellIdentity">The exact shell or platform version.</param>
/// <param name="TopDesign">Catalog name of the top.</param>
/// <param name="TopParameters">Its parameters, <c>name=value</c> separated by spaces.</param>
/// <param name="TopEntity">The top entity name.</param>
/// <param name="DesignHash">The design hash (lowercase hex, 64 digits) the identity block reports.</param>
/// <param name="Clocks">Clocks.</param>
/// <param name="Capabilities">What the design offers a host, e.g. <c>mod_mul:babybear</c>, <c>uart:115200</c>.</param>
/// <param name="PayloadKind"><c>bitstream</c>, <c>xclbin</c> or <c>afi</c> (a JSON reference to an AWS FPGA image).</param>
/// <param name="PayloadFile">File name of the payload when extracted.</param>
/// <param name="PayloadSize">Bytes of the payload.</param>
/// <param name="PayloadSha256">SHA-256 of the payload, lowercase hex.</param>
/// <param name="Tools">Tool name to version line.</param>
/// <param name="SourceCommit">The git commit built from (<c>-dirty</c> with local changes, <c>unknown</c> outside git).</param>
public sealed record Manifest(
    string Board, string Part, string ShellName, string ShellIdentity,
    string TopDesign, string TopParameters, string TopEntity, string DesignHash,
    IReadOnlyList<ManifestClock> Clocks, IReadOnlyList<string> Capabilities,
    string PayloadKind, string PayloadFile, long PayloadSize, string PayloadSha256,
    IReadOnlyDictionary<string, string> Tools, string SourceCommit)
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string Format = "computeasic-bitstream-manifest-v1";

    /// <summary>The payload kinds.</summary>
    public static IReadOnlyList<string> PayloadKinds { get; } = ["bitstream", "xclbin", "afi"];

    /// <summary>The manifest as indented UTF-8 JSON with fields in a fixed order (so equal manifests are equal bytes).</summary>
    public byte[] ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("board", Board);
            w.WriteString("part", Part);
            w.WriteStartObject("shell");
            w.WriteString("name", ShellName);
            w.WriteString("identity", ShellIdentity);
            w.WriteEndObject();
            w.WriteStartObject("top");
            w.WriteString("design", TopDesign);
            w.WriteString("parameters", TopParameters);
            w.WriteString("entity", TopEntity);
            w.WriteString("design_hash", DesignHash);
            w.WriteEndObject();
            w.WriteStartArray("clocks");
            foreach (var c in Clocks)
            {
                w.WriteStartObject();
                w.WriteString("port", c.Port);
                w.WriteNumber("target_mhz", c.TargetMhz);
                if (c.AchievedMhz is { } a) w.WriteNumber("achieved_mhz", System.Math.Round(a, 2));
                else w.WriteNull("achieved_mhz");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("capabilities");
            foreach (var c in Capabilities) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteStartObject("payload");
            w.WriteString("kind", PayloadKind);
            w.WriteString("file", PayloadFile);
            w.WriteNumber("size", PayloadSize);
            w.WriteString("sha256", PayloadSha256);
            w.WriteEndObject();
            w.WriteStartObject("tools");
            foreach (var (k, v) in Tools.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteString("source_commit", SourceCommit);
            w.WriteEndObject();
        }
        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    /// <summary>Reads a manifest; anything missing, mistyped or of another format throws <see cref="PackageFormatException"/>.</summary>
    public static Manifest Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var r = doc.RootElement;
            string format = Str(r, "format");
            if (format != Format) throw new PackageFormatException($"manifest: format '{format}', expected '{Format}'");
            var shell = Obj(r, "shell");
            var top = Obj(r, "top");
            var payload = Obj(r, "payload");
            var clocks = Arr(r, "clocks").Select(c => new ManifestClock(Str(c, "port"), Num(c, "target_mhz"),
                c.TryGetProperty("achieved_mhz", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : null)).ToList();
            var caps = Arr(r, "capabilities").Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : throw new PackageFormatException("manifest: capabilities must be strings")).ToList();
            var tools = Obj(r, "tools").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new PackageFormatException($"manifest: tools.{p.Name} must be a string"));
            string kind = Str(payload, "kind");
            if (!PayloadKinds.Contains(kind)) throw new PackageFormatException($"manifest: payload.kind '{kind}' (expected {string.Join(", ", PayloadKinds)})");
            string hash = Str(top, "design_hash");
            if (!IsHex(hash, 64)) throw new PackageFormatException("manifest: top.design_hash is not 64 lowercase hex digits");
            string sha = Str(payload, "sha256");
            if (!IsHex(sha, 64)) throw new PackageFormatException("manifest: payload.sha256 is not 64 lowercase hex digits");
            var size = payload.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out long n) && n >= 0 ? n
                : throw new PackageFormatException("manifest: payload.size is not a byte count");
            return new Manifest(Str(r, "board"), Str(r, "part"), Str(shell, "name"), Str(shell, "identity"),
                Str(top, "design"), Str(top, "parameters"), Str(top, "entity"), hash, clocks, caps,
                kind, Str(payload, "file"), size, sha, tools, Str(r, "source_commit"));
        }
        catch (JsonException e)
        {
            throw new PackageFormatException($"manifest: not valid JSON ({e.Message})");
        }
    }

    private static bool IsHex(string s, int n) => s.Length == n && s.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static JsonElement Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : throw new PackageFormatException($"manifest: '{name}' is missing");

    private static string Str(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new PackageFormatException($"manifest: '{name}' must be a string");

    private static double Num(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : throw new PackageFormatException($"manifest: '{name}' must be a number");

    private static JsonElement Obj(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Object } v ? v : throw new PackageFormatException($"manifest: '{name}' must be an object");

    private static IEnumerable<JsonElement> Arr(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray().ToList() : throw new PackageFormatException($"manifest: '{name}' must be an array");

    /// <summary>Frequencies as the listing prints them.</summary>
    public static string Mhz(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>A package that is not well formed (truncated, wrong magic, bad section, bad manifest): exit code 2.</summary>
public sealed class PackageFormatException(string message) : InvalidInputException(message);
