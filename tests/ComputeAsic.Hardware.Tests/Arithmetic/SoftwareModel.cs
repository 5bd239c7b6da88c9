using System.Numerics;
using ComputeAsic.Hardware;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Tests.Arithmetic;

/// <summary>
/// The software run of each catalog block: the block's generic code executed on <see cref="Bits"/> with
/// <see cref="Wires{T}"/> (no registers). Returns the outputs by port name and the time they come out at, which must be
/// the module's latency.
/// </summary>
internal static class SoftwareModel
{
    public static (Dictionary<string, BigInteger> Outputs, int Time) Run(string design, DesignArguments args, Func<string, int, BigInteger> input)
    {
        var w = Wires<Bits>.Instance;
        var o = ArithmeticDesigns.Options(args);
        Timed<Bits> In(string name, int width) => new(Bits.Const(input(name, width), width), 0);
        Dictionary<string, BigInteger> Out(params (string Name, Timed<Bits> Value)[] outs) => outs.ToDictionary(x => x.Name, x => x.Value.Value.ToBigInteger());
        int Latest(params Timed<Bits>[] xs) => xs.Max(x => x.Time);

        if (design == "wide_mul")
        {
            int width = args["width"];
            var r = Products.Multiply(w, In("a", width), In("b", width), o.SquarePlan(width), o.LevelsPerStage, "ab");
            return (Out(("p", r)), r.Time);
        }
        if (design.StartsWith("ec_add", StringComparison.Ordinal))
        {
            var curve = CurveSpec.All.Single(c => design.EndsWith("_" + c.Id, StringComparison.Ordinal));
            bool mixed = design.Contains("_mixed_", StringComparison.Ordinal);
            int n = curve.Field.Bits;
            var f = new PipelinedField<Bits>(curve.Field, w, o);
            var r = CompleteAddition.Add(f, new(In("x1", n), In("y1", n), In("z1", n)), new(In("x2", n), In("y2", n), In("z2", mixed ? 1 : n)), 3 * curve.B, mixed);
            return (Out(("x3", r.X), ("y3", r.Y), ("z3", r.Z)), Latest(r.X, r.Y, r.Z));
        }
        var field = FieldSpec.All.Single(x => design.EndsWith("_" + x.Id, StringComparison.Ordinal));
        int bits = field.Bits;
        var p = field.Modulus;
        string op = design[..^(field.Id.Length + 1)];
        switch (op)
        {
            case "mod_add": { var r = ModArith.Add(w, In("a", bits), In("b", bits), p, "y"); return (Out(("y", r)), r.Time); }
            case "mod_sub": { var r = ModArith.Sub(w, In("a", bits), In("b", bits), p, "y"); return (Out(("y", r)), r.Time); }
            case "mod_double": { var r = ModArith.Double(w, In("a", bits), p, "y"); return (Out(("y", r)), r.Time); }
            case "mod_mul": { var r = FieldMultiplier.For(field, o).Multiply(w, In("a", bits), In("b", bits)); return (Out(("y", r)), r.Time); }
            case "ntt_ct" or "ntt_gs":
                {
                    var f = new PipelinedField<Bits>(field, w, o);
                    var (y0, y1) = op == "ntt_ct"
                        ? Butterfly.CooleyTukey(f, In("a", bits), In("b", bits), In("w", bits))
                        : Butterfly.GentlemanSande(f, In("a", bits), In("b", bits), In("w", bits));
                    return (Out(("y0", y0), ("y1", y1)), Latest(y0, y1));
                }
            default: throw new ArgumentException($"no software model for {design}");
        }
    }
}
