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

    /// <summary>The curve named by a job file, streamed: stops at the "curve" property (normally the first), skipping anything before it.</summary>
    public static string ReadCurveName(Stream json)
        => JobScan.TryLeadingName(json, "curve") ?? ReadTopLevelString(json, "curve") ?? throw new InvalidInputException("curve: missing");

    /// <summary>A top-level string property read from a stream without holding the document.</summary>
    internal static string? ReadTopLevelString(Stream json, string property)
    {
        var chunks = new JsonChunks(json, 1 << 16);
        var r = chunks.Reader();
        chunks.Next(ref r);
        JsonRead.Expect(ref r, JsonTokenType.StartObject, "top level", "an object");
        while (true)
        {
            chunks.Next(ref r);
            if (r.TokenType == JsonTokenType.EndObject) return null;
            bool match = r.ValueTextEquals(property);
            chunks.Next(ref r);
            if (match)
            {
                JsonRead.Expect(ref r, JsonTokenType.String, property, "a string");
                return r.GetString();
            }
            chunks.Skip(ref r);
        }
    }

    /// <summary>Parses and validates a job: points on the curve and in the subgroup, scalars in [0, r), equal lengths.</summary>
    /// <remarks>A point may be <c>null</c> or <c>["0","0"]</c> for the identity.</remarks>
    public static MsmInput<F, C> Parse<F, S, C>(ReadOnlySpan<byte> json)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
        => TryParseFast<F, S, C>(json) ?? ParseStreaming<F, S, C>(json);

    /// <summary>The fast path alone (see <see cref="JobScan"/>): the parsed job, or null when it declines; exposed so tests can hold it against <see cref="ParseStreaming{F, S, C}"/>.</summary>
    public static unsafe MsmInput<F, C>? TryParseFast<F, S, C>(ReadOnlySpan<byte> json)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
    {
        fixed (byte* p = json) return TryReadFast<F, S, C>(JobScan.Source.FromMemory(p, json.Length));
    }

    /// <summary>The streaming path alone: the reference reader the fast path falls back to, and the source of every error message.</summary>
    public static unsafe MsmInput<F, C> ParseStreaming<F, S, C>(ReadOnlySpan<byte> json)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
    {
        fixed (byte* p = json)
        {
            using var stream = JsonRead.OverMemory(p, json.Length);
            return ReadStreaming<F, S, C>(stream, json.Length);
        }
    }

    /// <summary>
    /// Reads and validates a job (see <see cref="Parse{F, S, C}(ReadOnlySpan{byte})"/>). A seekable file goes through the
    /// fast path first; when that declines, or for any other stream, the file is streamed through a fixed window with
    /// decimals converted and points checked on all cores. Memory stays near the size of the parsed arrays either way.
    /// </summary>
    /// <param name="json">The job file.</param>
    /// <param name="lengthHint">The stream's length if known, to size the arrays once.</param>
    public static MsmInput<F, C> Read<F, S, C>(Stream json, long lengthHint = 0)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
        => JobScan.TryFile(json, TryReadFast<F, S, C>) ?? ReadStreaming<F, S, C>(json, lengthHint);

    private static MsmInput<F, C>? TryReadFast<F, S, C>(JobScan.Source source)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
    {
        var layout = JobScan.Scan(source, "curve", ["points", "scalars"], [JobScan.Shape.Pairs, JobScan.Shape.Strings]);
        if (layout?.Arrays is not [{ } pointArray, { } scalarArray] || layout.Name != C.Name || pointArray.Count != scalarArray.Count
            || pointArray.Count > int.MaxValue / ScalarLimbs)
            return null;
        var points = new Affine<F, C>[pointArray.Count];
        var scalars = new ulong[scalarArray.Count * ScalarLimbs];
        if (!JobScan.Convert(source, [pointArray, scalarArray], [
            (segment, first, count) => ConvertPoints(segment, first, count, points),
            (segment, first, count) => ConvertScalars<S>(segment, first, count, scalars)]))
            return null;
        if (!C.Cofactor.IsOne) ValidateSubgroup(points);
        return new MsmInput<F, C>(points, scalars);
    }

    /// <summary>The fast path's conversion of one segment of points, with the streaming path's rules (null or (0, 0) is the identity, others on the curve).</summary>
    private static bool ConvertPoints<F, C>(ReadOnlySpan<byte> segment, int first, int count, Affine<F, C>[] points)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        Memory.Pages.Prefault(points, first, count);
        var reader = new JobScan.SegmentReader(segment, count, JobScan.Shape.Pairs);
        for (int i = first; i < first + count; i++)
        {
            if (!reader.Next(out var xs, out var ys)) return false;
            if (xs.IsEmpty)
            {
                points[i] = Affine<F, C>.Identity;
                continue;
            }
            if (!F.TryParseDecimal(xs, out F x) || !F.TryParseDecimal(ys, out F y)) return false;
            var p = x.IsZero && y.IsZero ? Affine<F, C>.Identity : new Affine<F, C>(x, y);
            if (!p.IsOnCurve) return false;
            points[i] = p;
        }
        return true;
    }

    /// <summary>The fast path's conversion of one segment of scalars (canonical limbs below r).</summary>
    private static bool ConvertScalars<S>(ReadOnlySpan<byte> segment, int first, int count, ulong[] scalars) where S : struct, IPrimeField<S>
    {
        Memory.Pages.Prefault(scalars, (long)first * ScalarLimbs, (long)count * ScalarLimbs);
        var bound = ScalarBound<S>.Limbs;
        var reader = new JobScan.SegmentReader(segment, count, JobScan.Shape.Strings);
        for (int i = first; i < first + count; i++)
        {
            var limbs = new Span<ulong>(scalars, i * ScalarLimbs, ScalarLimbs);
            if (!reader.Next(out var digits, out _) || !Limbs.TryParseDecimal(digits, limbs) || !Limbs.LessThan(limbs, bound)) return false;
        }
        return true;
    }

    /// <summary>The streaming reader: a fixed window through <see cref="Utf8JsonReader"/>, decimals converted in parallel batches.</summary>
    private static MsmInput<F, C> ReadStreaming<F, S, C>(Stream json, long lengthHint)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
    {
        var chunks = new JsonChunks(json);
        var r = chunks.Reader();
        chunks.Next(ref r);
        JsonRead.Expect(ref r, JsonTokenType.StartObject, "top level", "an object");
        // About three decimals of F's size (x, y, scalar) per point.
        int guess = (int)System.Math.Min(1 << 26, lengthHint / (3 * (F.Bits * 30103L / 100000 + 4)) + 16);
        Affine<F, C>[]? points = null;
        ulong[]? scalars = null;
        int pointCount = 0, scalarCount = 0;
        string? curve = null;
        var batch = new DecimalBatch(1 << 14);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            chunks.Next(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            string key = r.GetString()!;
            if (!seen.Add(key)) throw new InvalidInputException($"{key}: appears twice");
            chunks.Next(ref r);
            switch (key)
            {
                case "curve":
                    JsonRead.Expect(ref r, JsonTokenType.String, "curve", "a string");
                    curve = r.GetString();
                    break;
                case "points":
                    points = new Affine<F, C>[guess];
                    pointCount = ReadPoints(chunks, ref r, batch, ref points);
                    break;
                case "scalars":
                    scalars = new ulong[guess * ScalarLimbs];
                    scalarCount = ReadScalars<S>(chunks, ref r, batch, ref scalars);
                    break;
                default:
                    chunks.Skip(ref r);
                    break;
            }
        }
        chunks.End(ref r);
        if (curve != C.Name) throw new InvalidInputException($"curve: expected \"{C.Name}\", found \"{curve}\"");
        if (points == null) throw new InvalidInputException("points: missing");
        if (scalars == null) throw new InvalidInputException("scalars: missing");
        if (pointCount != scalarCount) throw new InvalidInputException($"points and scalars differ in length ({pointCount} points, {scalarCount} scalars)");
        if (points.Length != pointCount) Array.Resize(ref points, pointCount);
        if (scalars.Length != scalarCount * ScalarLimbs) Array.Resize(ref scalars, scalarCount * ScalarLimbs);
        if (!C.Cofactor.IsOne) ValidateSubgroup(points);
        return new MsmInput<F, C>(points, scalars);
    }

    private static int ReadPoints<F, C>(JsonChunks chunks, ref Utf8JsonReader r, DecimalBatch batch, ref Affine<F, C>[] points)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        JsonRead.Expect(ref r, JsonTokenType.StartArray, "points", "an array");
        int count = 0, batchStart = 0;
        batch.Clear();
        while (true)
        {
            chunks.Next(ref r);
            if (r.TokenType == JsonTokenType.EndArray) break;
            int i = count++;
            if (r.TokenType == JsonTokenType.Null)
            {
                batch.AddMissing();
                batch.AddMissing();
            }
            else
            {
                if (r.TokenType != JsonTokenType.StartArray)
                    throw new InvalidInputException($"points[{i}]: expected [\"x\",\"y\"], found {JsonRead.Describe(r.TokenType)}");
                for (int k = 0; k < 2; k++)
                {
                    chunks.Next(ref r);
                    if (r.TokenType == JsonTokenType.EndArray) throw new InvalidInputException($"points[{i}]: expected 2 coordinates, found {k}");
                    if (r.TokenType != JsonTokenType.String)
                        throw new InvalidInputException($"points[{i}][{k}]: expected a decimal string, found {JsonRead.Describe(r.TokenType)}");
                    batch.Add(ref r);
                }
                chunks.Next(ref r);
                if (r.TokenType != JsonTokenType.EndArray) throw new InvalidInputException($"points[{i}]: expected 2 coordinates, found more");
            }
            if (batch.IsFull)
            {
                ConvertPoints(batch, ref points, batchStart);
                batchStart = count;
            }
        }
        ConvertPoints(batch, ref points, batchStart);
        return count;
    }

    private static void ConvertPoints<F, C>(DecimalBatch batch, ref Affine<F, C>[] points, int first)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        int n = batch.Count / 2;
        if (first + n > points.Length) Array.Resize(ref points, System.Math.Max(first + n, points.Length + points.Length / 2));
        var dst = points;
        batch.Convert(n, (lo, hi) =>
        {
            for (int j = lo; j < hi; j++)
            {
                int i = first + j;
                if (batch.IsMissing(2 * j))
                {
                    dst[i] = Affine<F, C>.Identity;
                    continue;
                }
                if (!F.TryParseDecimal(batch[2 * j], out F x)) throw Bad(j, $"points[{i}][0]", batch[2 * j], F.Name);
                if (!F.TryParseDecimal(batch[2 * j + 1], out F y)) throw Bad(j, $"points[{i}][1]", batch[2 * j + 1], F.Name);
                var p = x.IsZero && y.IsZero ? Affine<F, C>.Identity : new Affine<F, C>(x, y);
                if (!p.IsOnCurve) throw new IndexedInputException(j, $"points[{i}]: not on curve {C.Name}");
                dst[i] = p;
            }
        });
        batch.Clear();
    }

    private static IndexedInputException Bad(int index, string where, ReadOnlySpan<byte> digits, string field)
        => new(index, $"{where}: {JsonRead.DecimalProblem(digits, field)}");

    private static int ReadScalars<S>(JsonChunks chunks, ref Utf8JsonReader r, DecimalBatch batch, ref ulong[] scalars)
        where S : struct, IPrimeField<S>
    {
        JsonRead.Expect(ref r, JsonTokenType.StartArray, "scalars", "an array");
        int count = 0, batchStart = 0;
        batch.Clear();
        while (true)
        {
            chunks.Next(ref r);
            if (r.TokenType == JsonTokenType.EndArray) break;
            if (r.TokenType != JsonTokenType.String)
                throw new InvalidInputException($"scalars[{count}]: expected a decimal string, found {JsonRead.Describe(r.TokenType)}");
            batch.Add(ref r);
            count++;
            if (batch.IsFull)
            {
                ConvertScalars<S>(batch, ref scalars, batchStart);
                batchStart = count;
            }
        }
        ConvertScalars<S>(batch, ref scalars, batchStart);
        return count;
    }

    private static void ConvertScalars<S>(DecimalBatch batch, ref ulong[] scalars, int first) where S : struct, IPrimeField<S>
    {
        int n = batch.Count;
        if ((first + n) * ScalarLimbs > scalars.Length)
            Array.Resize(ref scalars, System.Math.Max(first + n, scalars.Length / ScalarLimbs * 3 / 2) * ScalarLimbs);
        var dst = scalars;
        var bound = ScalarBound<S>.Limbs;
        batch.Convert(n, (lo, hi) =>
        {
            for (int j = lo; j < hi; j++)
            {
                var limbs = dst.AsSpan((first + j) * ScalarLimbs, ScalarLimbs);
                if (!Limbs.TryParseDecimal(batch[j], limbs) || !Limbs.LessThan(limbs, bound))
                    throw Bad(j, $"scalars[{first + j}]", batch[j], S.Name);
            }
        });
        batch.Clear();
    }

    /// <summary>The scalar field's modulus as limbs, for range checks without a Montgomery round trip.</summary>
    private static class ScalarBound<S> where S : struct, IPrimeField<S>
    {
        public static readonly ulong[] Limbs = Make();

        private static ulong[] Make()
        {
            var l = new ulong[ScalarLimbs];
            Fields.Limbs.FromBigInteger(S.Modulus, l);
            return l;
        }
    }

    /// <summary>Checks every point is on the curve and in the prime-order subgroup, in parallel; the first bad index is reported.</summary>
    public static void ValidatePoints<F, C>(ReadOnlySpan<Affine<F, C>> points)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
        => Validate(points.ToArray(), onCurve: true);

    private static void ValidateSubgroup<F, C>(Affine<F, C>[] points)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
        => Validate(points, onCurve: false);

    private static void Validate<F, C>(Affine<F, C>[] arr, bool onCurve)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        int firstBad = int.MaxValue;
        string? reason = null;
        var gate = new object();
        Parallel.For(0, arr.Length, i =>
        {
            if (i > Volatile.Read(ref firstBad)) return;
            string? why = onCurve && !arr[i].IsOnCurve ? $"not on curve {C.Name}"
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
