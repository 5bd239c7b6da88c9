using System.Text.Json;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Formats;

/// <summary>An MSM job: bases and scalars (canonical, <see cref="MsmJson.ScalarLimbs"/> limbs each, little-endian).</summary>
public sealed record MsmInput<F, C>(Affine<F, C>[] Points, ulong[] Scalars)
    where F : struct, IField<F> where C : struct, ICurve<F>
{
    /// <summary>Number of (point, scalar) pairs.</summary>
    public int Count => Points.Length;
}

/// <summary>The <c>msm</c> job file format: <c>{"curve":..., "points":[["x","y"],...], "scalars":["s",...]}</c> in, <c>{"curve":..., "result":["x","y"] | null}</c> out.</summary>
public static class MsmJson
{
    /// <summary>64-bit limbs per scalar; every supported scalar field is below 2^256.</summary>
    public const int ScalarLimbs = 4;

    /// <summary>The curve named by a job file, read without parsing the arrays.</summary>
    public static string ReadCurveName(ReadOnlySpan<byte> json)
        => JsonRead.FindTopLevelString(json, "curve") ?? throw new InvalidInputException("curve: missing");

    /// <summary>Parses and validates a job: points on the curve and in the subgroup, scalars in [0, r), equal lengths.</summary>
    /// <remarks>A point may be <c>null</c> or <c>["0","0"]</c> for the identity.</remarks>
    public static MsmInput<F, C> Parse<F, S, C>(ReadOnlySpan<byte> json)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
    {
        var reader = new Utf8JsonReader(json, JsonRead.Options);
        JsonRead.Next(ref reader);
        JsonRead.Expect(ref reader, JsonTokenType.StartObject, "top level", "an object");
        Affine<F, C>[]? points = null;
        ulong[]? scalars = null;
        string? curve = null;
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            string key = reader.GetString()!;
            JsonRead.Next(ref reader);
            switch (key)
            {
                case "curve":
                    JsonRead.Expect(ref reader, JsonTokenType.String, "curve", "a string");
                    curve = reader.GetString();
                    break;
                case "points":
                    points = ReadPoints<F, C>(ref reader);
                    break;
                case "scalars":
                    scalars = ReadScalars<S>(ref reader);
                    break;
                default:
                    JsonRead.Skip(ref reader);
                    break;
            }
        }
        if (curve != C.Name) throw new InvalidInputException($"curve: expected \"{C.Name}\", found \"{curve}\"");
        if (points == null) throw new InvalidInputException("points: missing");
        if (scalars == null) throw new InvalidInputException("scalars: missing");
        int n = scalars.Length / ScalarLimbs;
        if (points.Length != n) throw new InvalidInputException($"points and scalars differ in length ({points.Length} points, {n} scalars)");
        ValidatePoints(points);
        return new MsmInput<F, C>(points, scalars);
    }

    private static Affine<F, C>[] ReadPoints<F, C>(ref Utf8JsonReader reader)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartArray, "points", "an array");
        var list = new List<Affine<F, C>>();
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) break;
            int i = list.Count;
            if (reader.TokenType == JsonTokenType.Null)
            {
                list.Add(Affine<F, C>.Identity);
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new InvalidInputException($"points[{i}]: expected [\"x\",\"y\"], found {JsonRead.Describe(reader.TokenType)}");
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) throw new InvalidInputException($"points[{i}]: expected 2 coordinates, found 0");
            F x = JsonRead.ReadElement<F>(ref reader, $"points[{i}][0]");
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) throw new InvalidInputException($"points[{i}]: expected 2 coordinates, found 1");
            F y = JsonRead.ReadElement<F>(ref reader, $"points[{i}][1]");
            JsonRead.Next(ref reader);
            if (reader.TokenType != JsonTokenType.EndArray) throw new InvalidInputException($"points[{i}]: expected 2 coordinates, found more");
            list.Add(x.IsZero && y.IsZero ? Affine<F, C>.Identity : new Affine<F, C>(x, y));
        }
        return list.ToArray();
    }

    private static ulong[] ReadScalars<S>(ref Utf8JsonReader reader) where S : struct, IPrimeField<S>
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartArray, "scalars", "an array");
        var limbs = new List<ulong>();
        Span<ulong> l = stackalloc ulong[ScalarLimbs];
        int i = 0;
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) break;
            S s = JsonRead.ReadElement<S>(ref reader, $"scalars[{i}]");
            l.Clear();
            s.WriteCanonicalLimbs(l);
            foreach (ulong w in l) limbs.Add(w);
            i++;
        }
        return limbs.ToArray();
    }

    /// <summary>Checks every point is on the curve and in the prime-order subgroup, in parallel; the first bad index is reported.</summary>
    public static void ValidatePoints<F, C>(ReadOnlySpan<Affine<F, C>> points)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        var arr = points.ToArray();
        int firstBad = int.MaxValue;
        string? reason = null;
        var gate = new object();
        Parallel.For(0, arr.Length, i =>
        {
            if (i > Volatile.Read(ref firstBad)) return;
            string? why = !arr[i].IsOnCurve ? $"not on curve {C.Name}"
                : !arr[i].IsInSubgroup ? $"not in the prime-order subgroup of {C.Name}" : null;
            if (why == null) return;
            lock (gate)
            {
                if (i < firstBad)
                {
                    firstBad = i;
                    reason = why;
                }
            }
        });
        if (reason != null) throw new InvalidInputException($"points[{firstBad}]: {reason}");
    }

    /// <summary>Writes the result file: affine coordinates as decimal strings, or null for the identity.</summary>
    public static void WriteResult<F, C>(Stream output, Affine<F, C> result)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("curve", C.Name);
        w.WritePropertyName("result");
        WritePoint(w, result);
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>Writes a job file (for examples, tests and benchmarks).</summary>
    public static void WriteInput<F, C>(Stream output, ReadOnlySpan<Affine<F, C>> points, ReadOnlySpan<ulong> scalars)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteString("curve", C.Name);
        w.WriteStartArray("points");
        foreach (var p in points) WritePoint(w, p);
        w.WriteEndArray();
        w.WriteStartArray("scalars");
        Span<byte> buf = stackalloc byte[128];
        for (int i = 0; i < scalars.Length; i += ScalarLimbs)
        {
            int n = Limbs.FormatDecimal(scalars.Slice(i, ScalarLimbs), buf);
            w.WriteStringValue(buf[..n]);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WritePoint<F, C>(Utf8JsonWriter w, Affine<F, C> p)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        if (p.IsIdentity)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartArray();
        JsonRead.WriteElement(w, p.X);
        JsonRead.WriteElement(w, p.Y);
        w.WriteEndArray();
    }
}
