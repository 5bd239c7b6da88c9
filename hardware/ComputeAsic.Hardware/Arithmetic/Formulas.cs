namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>A point in homogeneous projective coordinates (x = X/Z, y = Y/Z; the identity is (0 : 1 : 0)).</summary>
/// <param name="X">X coordinate.</param>
/// <param name="Y">Y coordinate.</param>
/// <param name="Z">Z coordinate; for the second operand of a mixed addition a one-bit flag (1: affine point, 0: identity).</param>
public readonly record struct ProjectivePoint<V>(V X, V Y, V Z);

/// <summary>
/// Complete addition on y² = x³ + b (a = 0) in homogeneous projective coordinates, after Renes, Costello and Batina
/// (2016), "Complete addition formulas for prime order elliptic curves". The formula has no exceptional cases on a
/// group of odd order (P = Q, P = −Q and the identity all come out right), so a pipeline computing it needs no
/// branches, no doubling path and no hazard logic: one addition per cycle whatever the inputs. It holds for all of
/// BN254 G1 and BLS12-381 G1 (odd curve orders) and for the prime-order subgroup G1 of BLS12-377, whose full curve has
/// even order (the formula may fail only when P − Q has order 2, which no pair of subgroup points has).
/// <para>
/// Why projective rather than Jacobian or XYZZ: the incomplete Jacobian mixed addition (7M + 4S) and XYZZ (8M + 2S) are
/// cheaper on paper but need a separate doubling path and equality detection, which in a pipeline with a new
/// addition every cycle means stalls or a second datapath; twisted Edwards forms (7M) do not exist for BN254 (it has no
/// point of order 4). The complete formula costs 12 multiplications for two projective points and 11 for a mixed
/// addition, plus two multiplications by the small constant 3b.
/// </para>
/// </summary>
public static class CompleteAddition
{
    /// <summary>
    /// P1 + P2 with both points projective: 12 multiplications + 2 by 3b. With <paramref name="mixed"/>, P2.Z is a
    /// one-bit flag (1: P2 = (X2, Y2) affine; 0: P2 is the identity and X2, Y2 are ignored): the products with Z2 become
    /// multiplexers, leaving 11 multiplications + 2 by 3b, and the identity is still handled.
    /// </summary>
    public static ProjectivePoint<V> Add<V>(IFieldOps<V> f, ProjectivePoint<V> p1, ProjectivePoint<V> p2, int b3, bool mixed)
    {
        var (x1, y1, z1) = (p1.X, p1.Y, p1.Z);
        var (x2, y2, z2) = (p2.X, p2.Y, p2.Z);
        V zero = f.Constant(0);
        if (mixed)
        {
            // The identity as (0 : 1 : 0), whatever coordinates came with the flag.
            x2 = f.Mux(z2, x2, zero);
            y2 = f.Mux(z2, y2, f.Constant(1));
        }
        var xx = f.Mul(x1, x2);
        var yy = f.Mul(y1, y2);
        var xyxy = f.Sub(f.Mul(f.Add(x1, y1), f.Add(x2, y2)), f.Add(xx, yy));     // X1·Y2 + X2·Y1
        V zz, yzyz, xzxz;
        if (mixed)
        {
            zz = f.Mux(z2, z1, zero);                                              // Z1·Z2
            yzyz = f.Add(f.Mul(y2, z1), f.Mux(z2, y1, zero));                      // Y1·Z2 + Y2·Z1
            xzxz = f.Add(f.Mul(x2, z1), f.Mux(z2, x1, zero));                      // X1·Z2 + X2·Z1
        }
        else
        {
            zz = f.Mul(z1, z2);
            yzyz = f.Sub(f.Mul(f.Add(y1, z1), f.Add(y2, z2)), f.Add(yy, zz));
            xzxz = f.Sub(f.Mul(f.Add(x1, z1), f.Add(x2, z2)), f.Add(xx, zz));
        }
        var xx3 = f.MulSmall(xx, 3);
        var bzz = f.MulSmall(zz, b3);
        var plus = f.Add(yy, bzz);
        var minus = f.Sub(yy, bzz);
        var bxz = f.MulSmall(xzxz, b3);
        var x3 = f.Sub(f.Mul(xyxy, minus), f.Mul(yzyz, bxz));
        var y3 = f.Add(f.Mul(bxz, xx3), f.Mul(minus, plus));
        var z3 = f.Add(f.Mul(plus, yzyz), f.Mul(xx3, xyxy));
        return new(x3, y3, z3);
    }
}

/// <summary>The radix-2 NTT butterflies, with the twiddle factor w as an operand (engines stream their twiddles).</summary>
public static class Butterfly
{
    /// <summary>Cooley–Tukey (decimation in time): (a + w·b, a − w·b); one multiplication, then the add and subtract.</summary>
    public static (V Y0, V Y1) CooleyTukey<V>(IFieldOps<V> f, V a, V b, V w)
    {
        var t = f.Mul(b, w);
        return (f.Add(a, t), f.Sub(a, t));
    }

    /// <summary>Gentleman–Sande (decimation in frequency): (a + b, (a − b)·w); the add and subtract, then one multiplication.</summary>
    public static (V Y0, V Y1) GentlemanSande<V>(IFieldOps<V> f, V a, V b, V w) => (f.Add(a, b), f.Mul(f.Sub(a, b), w));
}
