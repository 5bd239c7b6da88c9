using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Bitstreams.Flows;
using ComputeAsic.Bitstreams.Tops;
using ComputeAsic.Math;

namespace ComputeAsic.Bitstreams.Packages;

/// <summary>
/// What <c>bitstream build</c> records beside a bitstream (<c>build.json</c>), so <c>bitstream pack</c> can put the measured
/// Fmax, tool versions and source commit into the manifest.
/// </summary>
/// <param name="Board">Board name.</param>
/// <param name="DesignHash">Design hash of the top built.</param>
/// <param name="BitstreamSha256">SHA-256 of the bitstream built (the record applies only to that file).</param>
/// <param name="AchievedMhz">nextpnr's Fmax.</param>
/// <param name="Utilisation">Resources used.</param>
/// <param name="Tools">Tool versions.</param>
/// <param name="SourceCommit">Source commit.</param>
public sealed record BuildRecord(string Board, string DesignHash, string BitstreamSha256, double? AchievedMhz,
    IReadOnlyList<Utilisation> Utilisation, IReadOnlyDictionary<string, string> Tools, string SourceCommit)
{
    /// <summary>The file name beside the bitstream.</summary>
    public const string FileName = "build.json";

    /// <summary>The record as indented JSON.</summary>
    public byte[] ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("board", Board);
            w.WriteString("design_hash", DesignHash);
            w.WriteString("bitstream_sha256", BitstreamSha256);
            if (AchievedMhz is { } f) w.WriteNumber("achieved_mhz", System.Math.Round(f, 2));
            w.WriteStartObject("utilisation");
            foreach (var u in Utilisation)
            {
                w.WriteStartObject(u.Resource);
                w.WriteNumber("used", u.Used);
                w.WriteNumber("available", u.Available);
                w.WriteEndObject();
            }
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

    /// <summary>Reads a record, or null when the file is absent or unreadable (pack then records what it knows itself).</summary>
    public static BuildRecord? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var r = doc.RootElement;
            double? mhz = r.TryGetProperty("achieved_mhz", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : null;
            var use = r.GetProperty("utilisation").EnumerateObject()
                .Select(p => new Utilisation(p.Name, p.Value.GetProperty("used").GetInt32(), p.Value.GetProperty("available").GetInt32())).ToList();
            var tools = r.GetProperty("tools").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            return new BuildRecord(r.GetProperty("board").GetString()!, r.GetProperty("design_hash").GetString()!, r.GetProperty("bitstream_sha256").GetString()!,
                mhz, use, tools, r.GetProperty("source_commit").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>Makes an unsigned package from a board, a top level and a payload file.</summary>
public static class Packer
{
    /// <summary>The payload kind a board takes.</summary>
    public static string PayloadKind(Board board) => board.Flow switch
    {
        BoardFlow.Alveo => "xclbin",
        BoardFlow.AwsF1 => "afi",
        _ => "bitstream",
    };

    /// <summary>
    /// Packs <paramref name="payload"/> (read from <paramref name="payloadPath"/>) for <paramref name="board"/>; checks the payload
    /// looks like what the board loads, and takes Fmax, tools and commit from <paramref name="build"/> when it describes this
    /// payload and top. Throws <see cref="InvalidInputException"/> for a payload of the wrong kind.
    /// </summary>
    public static PackageFile Pack(Board board, TopLevel top, string payloadPath, byte[] payload, BuildRecord? build)
    {
        string kind = PayloadKind(board);
        CheckPayload(board, kind, payloadPath, payload);
        string sha = Convert.ToHexStringLower(SHA256.HashData(payload));
        if (build != null && (build.BitstreamSha256 != sha || build.DesignHash != top.Hash || build.Board != board.Name)) build = null;
        var clocks = board.Clocks.Select((c, i) => new ManifestClock(c.Port, c.Mhz, i == 0 ? build?.AchievedMhz : null)).ToList();
        var manifest = new Manifest(board.Name, board.Part, board.Shell.Name, board.Shell.Identity,
            top.Entry.Name, top.Arguments.ToString(), top.Entity, top.Hash, clocks, Capabilities(board, top),
            kind, PayloadFileName(board, kind), payload.LongLength, sha,
            build?.Tools ?? new Dictionary<string, string>(), build?.SourceCommit ?? ToolVersions.SourceCommit());
        return new PackageFile(manifest.ToJson(), payload);
    }

    /// <summary>The file name a payload is extracted under for flashing.</summary>
    public static string PayloadFileName(Board board, string kind) => kind switch
    {
        "xclbin" => $"{board.Name}.xclbin",
        "afi" => $"{board.Name}.afi.json",
        _ => OpenFlow.BitstreamName(board),
    };

    /// <summary>What a host can ask of the design: the top's catalog name and, for the UART shell, its line settings.</summary>
    private static List<string> Capabilities(Board board, TopLevel top)
    {
        var caps = new List<string> { "design:" + top.Entry.Name };
        if (top.Arguments.Values.TryGetValue("clocks_per_bit", out int cpb))
        {
            double baud = board.MainClock.Mhz * 1e6 / cpb;
            caps.Add("uart:" + System.Math.Round(baud).ToString(CultureInfo.InvariantCulture) + " 8N1");
        }
        if (board.Shell.Pcie != null) caps.Add("pcie:" + board.Shell.Pcie);
        return caps;
    }

    private static void CheckPayload(Board board, string kind, string path, byte[] payload)
    {
        if (payload.Length == 0) throw new InvalidInputException($"{path}: empty");
        switch (kind)
        {
            case "xclbin" when !payload.AsSpan().StartsWith("xclbin2\0"u8):
                throw new InvalidInputException($"{path}: not an xclbin (it does not start with 'xclbin2'); board {board.Name} loads xclbin files");
            case "afi":
                try
                {
                    using var doc = JsonDocument.Parse(payload);
                    string agfi = doc.RootElement.GetProperty("agfi_id").GetString() ?? "";
                    if (!agfi.StartsWith("agfi-", StringComparison.Ordinal)) throw new InvalidInputException($"{path}: agfi_id '{agfi}' does not start with 'agfi-'");
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    throw new InvalidInputException($"{path}: board {board.Name} takes an AFI reference, JSON with \"agfi_id\": \"agfi-...\" ({e.Message})");
                }
                break;
            case "bitstream" when board.Flow == BoardFlow.Ice40 && payload.AsSpan(0, System.Math.Min(payload.Length, 1024)).IndexOf((ReadOnlySpan<byte>)[0x7E, 0xAA, 0x99, 0x7E]) < 0:
                throw new InvalidInputException($"{path}: not an iCE40 bitstream (no sync word 7EAA997E in its first 1024 bytes); board {board.Name} loads icepack output");
        }
    }

    /// <summary>An AFI reference payload for F1 (what <c>aws ec2 create-fpga-image</c> returns).</summary>
    public static byte[] AfiReference(string afiId, string agfiId) =>
        Encoding.UTF8.GetBytes($"{{\n  \"afi_id\": \"{afiId}\",\n  \"agfi_id\": \"{agfiId}\"\n}}\n");
}
