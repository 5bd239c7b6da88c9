using System.Text;
using System.Text.Json;
using ComputeAsic.Math;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;
using ComputeAsic.Prover.Groth16;

namespace ComputeAsic.Prover.Formats;

/// <summary>snarkjs's JSON files: <c>proof.json</c>, <c>public.json</c> and <c>verification_key.json</c>, decimal strings in normal form, written byte for byte as snarkjs writes them (<c>JSON.stringify(x, null, 1)</c>).</summary>
public static class SnarkjsJson
{
    /// <summary>Writes a proof as snarkjs's proof.json: projective coordinates with z = 1 (or the identity as snarkjs encodes it).</summary>
    public static void WriteProof(Stream output, Proof proof)
    {
        var sb = new StringBuilder();
        sb.Append("{\n \"pi_a\": ");
        G1(sb, proof.A);
        sb.Append(",\n \"pi_b\": ");
        G2(sb, proof.B);
        sb.Append(",\n \"pi_c\": ");
        G1(sb, proof.C);
        sb.Append(",\n \"protocol\": \"groth16\",\n \"curve\": \"bn128\"\n}");
        output.Write(Encoding.ASCII.GetBytes(sb.ToString()));
    }

    /// <summary>Writes the public signals as snarkjs's public.json.</summary>
    public static void WritePublic(Stream output, ReadOnlySpan<Bn254Fr> publics)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < publics.Length; i++) sb.Append(i == 0 ? "\n \"" : ",\n \"").Append(publics[i]).Append('"');
        sb.Append(publics.Length == 0 ? "]" : "\n]");
        output.Write(Encoding.ASCII.GetBytes(sb.ToString()));
    }

    private static void G1(StringBuilder sb, Bn254G1Affine p)
    {
        var (x, y, z) = p.IsIdentity ? ("0", "1", "0") : (p.X.ToString(), p.Y.ToString(), "1");
        sb.Append($"[\n  \"{x}\",\n  \"{y}\",\n  \"{z}\"\n ]");
    }

    private static void G2(StringBuilder sb, Bn254G2Affine p)
    {
        string[] c = p.IsIdentity
            ? ["0", "0", "1", "0", "0", "0"]
            : [p.X.C0.ToString(), p.X.C1.ToString(), p.Y.C0.ToString(), p.Y.C1.ToString(), "1", "0"];
        sb.Append($"[\n  [\n   \"{c[0]}\",\n   \"{c[1]}\"\n  ],\n  [\n   \"{c[2]}\",\n   \"{c[3]}\"\n  ],\n  [\n   \"{c[4]}\",\n   \"{c[5]}\"\n  ]\n ]");
    }

    /// <summary>Reads proof.json; coordinates must be canonical decimals, but on-curve checks are the verifier's (an off-curve proof is invalid, not malformed).</summary>
    public static Proof ReadProof(byte[] json)
    {
        using var doc = Parse(json);
        var root = Object(doc.RootElement, "top level");
        Protocol(root);
        return new Proof(ReadG1(Property(root, "pi_a"), "pi_a"), ReadG2(Property(root, "pi_b"), "pi_b"), ReadG1(Property(root, "pi_c"), "pi_c"));
    }

    /// <summary>Reads public.json: an array of decimal strings below r.</summary>
    public static Bn254Fr[] ReadPublic(byte[] json)
    {
        using var doc = Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new InvalidInputException($"top level: expected an array of decimal strings, found {Kind(doc.RootElement)}");
        return doc.RootElement.EnumerateArray().Select((e, i) => Dec<Bn254Fr>(e, $"[{i}]")).ToArray();
    }

    /// <summary>Reads verification_key.json and checks its points (on the curves, G2 points in the subgroup) and IC length.</summary>
    public static VerificationKey ReadVerificationKey(byte[] json)
    {
        using var doc = Parse(json);
        var root = Object(doc.RootElement, "top level");
        Protocol(root);
        var np = Property(root, "nPublic");
        if (np.ValueKind != JsonValueKind.Number || !np.TryGetInt32(out int nPublic) || nPublic < 0)
            throw new InvalidInputException("nPublic: expected a non-negative integer");
        var alpha = CheckedG1(Property(root, "vk_alpha_1"), "vk_alpha_1");
        var beta = CheckedG2(Property(root, "vk_beta_2"), "vk_beta_2");
        var gamma = CheckedG2(Property(root, "vk_gamma_2"), "vk_gamma_2");
        var delta = CheckedG2(Property(root, "vk_delta_2"), "vk_delta_2");
        var icEl = Property(root, "IC");
        if (icEl.ValueKind != JsonValueKind.Array) throw new InvalidInputException($"IC: expected an array, found {Kind(icEl)}");
        var ic = icEl.EnumerateArray().Select((e, i) => CheckedG1(e, $"IC[{i}]")).ToArray();
        if (ic.Length != nPublic + 1) throw new InvalidInputException($"IC: has {ic.Length} points, expected nPublic+1 = {nPublic + 1}");
        return new VerificationKey(nPublic, alpha, beta, gamma, delta, ic);
    }

    private static JsonDocument Parse(byte[] json)
    {
        JsonRead.CheckUtf8(json);
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}", e);
        }
    }

    private static JsonElement Object(JsonElement e, string where)
        => e.ValueKind == JsonValueKind.Object ? e : throw new InvalidInputException($"{where}: expected an object, found {Kind(e)}");

    private static JsonElement Property(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var v) ? v : throw new InvalidInputException($"{name}: missing");

    private static void Protocol(JsonElement root)
    {
        if (root.TryGetProperty("protocol", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() != "groth16")
            throw new InvalidInputException($"protocol: \"{p.GetString()}\" is not supported (expected \"groth16\")");
        if (root.TryGetProperty("curve", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() is not ("bn128" or "bn254"))
            throw new InvalidInputException($"curve: \"{c.GetString()}\" is not supported (expected \"bn128\")");
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    private static T Dec<T>(JsonElement e, string where) where T : struct, IPrimeField<T>
    {
        if (e.ValueKind != JsonValueKind.String) throw new InvalidInputException($"{where}: expected a decimal string, found {Kind(e)}");
        string s = e.GetString()!;
        if (T.TryParseDecimal(Encoding.UTF8.GetBytes(s), out T v)) return v;
        string shown = s.Length > 90 ? s[..90] + "..." : s;
        throw new InvalidInputException(s.Length > 0 && s.All(char.IsAsciiDigit)
            ? $"{where}: {shown} is not below the {T.Name} modulus"
            : $"{where}: \"{shown}\" is not a decimal integer");
    }

    private static JsonElement[] Array(JsonElement e, string where, int min, int max)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new InvalidInputException($"{where}: expected an array, found {Kind(e)}");
        var items = e.EnumerateArray().ToArray();
        if (items.Length < min || items.Length > max)
            throw new InvalidInputException($"{where}: has {items.Length} elements, expected {(min == max ? $"{min}" : $"{min} or {max}")}");
        return items;
    }

    /// <summary>The projective z of a point: 1 (affine) or 0 (identity); anything else is not what snarkjs writes.</summary>
    private static bool IsIdentityZ(Bn254Fq z0, Bn254Fq z1, string where)
    {
        if (z0 == Bn254Fq.One && z1.IsZero) return false;
        if (z0.IsZero && z1.IsZero) return true;
        throw new InvalidInputException($"{where}: z must be 1 (a point) or 0 (the identity)");
    }

    private static Bn254G1Affine ReadG1(JsonElement e, string where)
    {
        var c = Array(e, where, 2, 3);
        var x = Dec<Bn254Fq>(c[0], $"{where}[0]");
        var y = Dec<Bn254Fq>(c[1], $"{where}[1]");
        bool identity = c.Length == 3 ? IsIdentityZ(Dec<Bn254Fq>(c[2], $"{where}[2]"), Bn254Fq.Zero, where) : x.IsZero && y.IsZero;
        return identity ? Bn254G1Affine.Identity : new Bn254G1Affine(x, y);
    }

    private static Bn254G2Affine ReadG2(JsonElement e, string where)
    {
        var c = Array(e, where, 2, 3);
        Bn254Fq2 F2(int i)
        {
            var pair = Array(c[i], $"{where}[{i}]", 2, 2);
            return new Bn254Fq2(Dec<Bn254Fq>(pair[0], $"{where}[{i}][0]"), Dec<Bn254Fq>(pair[1], $"{where}[{i}][1]"));
        }
        var x = F2(0);
        var y = F2(1);
        bool identity = c.Length == 3 ? IsIdentityZ(F2(2).C0, F2(2).C1, where) : x.IsZero && y.IsZero;
        return identity ? Bn254G2Affine.Identity : new Bn254G2Affine(x, y);
    }

    private static Bn254G1Affine CheckedG1(JsonElement e, string where)
    {
        var p = ReadG1(e, where);
        if (!p.IsOnCurve) throw new InvalidInputException($"{where}: not on the curve bn128");
        return p;
    }

    private static Bn254G2Affine CheckedG2(JsonElement e, string where)
    {
        var p = ReadG2(e, where);
        if (!p.IsOnCurve) throw new InvalidInputException($"{where}: not on the twist curve of bn128");
        if (!p.IsInSubgroup) throw new InvalidInputException($"{where}: not in the order-r subgroup G2");
        return p;
    }
}
