using System.Text.Json;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Formats;

/// <summary>The <c>ntt</c> job file format: <c>{"field":"goldilocks"|"babybear"|"bn254-fr", "values":["v",...]}</c>, the same shape in and out.</summary>
public static class NttJson
{
    /// <summary>The field named by a job file.</summary>
    public static string ReadFieldName(ReadOnlySpan<byte> json)
        => JsonRead.FindTopLevelString(json, "field") ?? throw new InvalidInputException("field: missing");

    /// <summary>Parses the values; the length must be a power of two no larger than 2^(two-adicity).</summary>
    public static T[] Parse<T>(ReadOnlySpan<byte> json) where T : struct, IPrimeField<T>
    {
        var reader = new Utf8JsonReader(json, JsonRead.Options);
        JsonRead.Next(ref reader);
        JsonRead.Expect(ref reader, JsonTokenType.StartObject, "top level", "an object");
        List<T>? values = null;
        string? field = null;
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            string key = reader.GetString()!;
            JsonRead.Next(ref reader);
            if (key == "field")
            {
                JsonRead.Expect(ref reader, JsonTokenType.String, "field", "a string");
                field = reader.GetString();
            }
            else if (key == "values")
            {
                JsonRead.Expect(ref reader, JsonTokenType.StartArray, "values", "an array");
                values = [];
                while (true)
                {
                    JsonRead.Next(ref reader);
                    if (reader.TokenType == JsonTokenType.EndArray) break;
                    values.Add(JsonRead.ReadElement<T>(ref reader, $"values[{values.Count}]"));
                }
            }
            else
            {
                JsonRead.Skip(ref reader);
            }
        }
        if (field != T.Name) throw new InvalidInputException($"field: expected \"{T.Name}\", found \"{field}\"");
        if (values == null) throw new InvalidInputException("values: missing");
        int n = values.Count;
        if (n == 0 || (n & (n - 1)) != 0) throw new InvalidInputException($"values: length {n} is not a power of two");
        int log = System.Numerics.BitOperations.Log2((uint)n);
        if (log > T.TwoAdicity) throw new InvalidInputException($"values: length 2^{log} exceeds the two-adicity 2^{T.TwoAdicity} of {T.Name}");
        return values.ToArray();
    }

    /// <summary>Writes values in the job-file shape.</summary>
    public static void Write<T>(Stream output, ReadOnlySpan<T> values) where T : struct, IPrimeField<T>
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteString("field", T.Name);
        w.WriteStartArray("values");
        foreach (var v in values) JsonRead.WriteElement(w, v);
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }
}
