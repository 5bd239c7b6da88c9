using ComputeAsic.Math.Fields;

namespace ComputeAsic.Prover.Formats;

/// <summary>One linear combination Σ coefᵢ·w[wireᵢ] of an R1CS row.</summary>
public sealed record LinearCombination(int[] Wires, Bn254Fr[] Coefficients);

/// <summary>One rank-1 constraint A·w × B·w = C·w.</summary>
public sealed record Constraint(LinearCombination A, LinearCombination B, LinearCombination C);

/// <summary>A circom constraint system (.r1cs v1, BN254), read for inspection (<c>computeasic r1cs info</c>) and for checking a witness against it.</summary>
public sealed class R1cs
{
    /// <summary>Wires, including the constant 1.</summary>
    public required int NWires { get; init; }

    /// <summary>Public outputs.</summary>
    public required int NPubOut { get; init; }

    /// <summary>Public inputs.</summary>
    public required int NPubIn { get; init; }

    /// <summary>Private inputs.</summary>
    public required int NPrvIn { get; init; }

    /// <summary>Signal labels in the circuit (≥ wires: optimised-away signals keep labels).</summary>
    public required ulong NLabels { get; init; }

    /// <summary>The constraints, in file order.</summary>
    public required Constraint[] Constraints { get; init; }

    /// <summary>Whether the witness (4 canonical limbs per wire) satisfies every constraint; returns the first failing row or −1.</summary>
    public int FirstUnsatisfied(Witness w)
    {
        Bn254Fr Eval(LinearCombination lc)
        {
            var acc = Bn254Fr.Zero;
            for (int i = 0; i < lc.Wires.Length; i++) acc += lc.Coefficients[i] * w[lc.Wires[i]];
            return acc;
        }
        for (int i = 0; i < Constraints.Length; i++)
        {
            var c = Constraints[i];
            if (Eval(c.A) * Eval(c.B) != Eval(c.C)) return i;
        }
        return -1;
    }

    /// <summary>Reads and validates a .r1cs file: header, prime, counts, wire indices and coefficients.</summary>
    public static R1cs Read(string name, byte[] bytes)
    {
        var file = BinFile.Parse(name, bytes, "r1cs", 1);
        var h = file.Section(1, "header");
        SnarkjsEncoding.RequirePrime(h, Bn254FrParams.Modulus, "scalar field");
        int nWires = h.Count("nWires", 1, int.MaxValue);
        int nPubOut = h.Count("nPubOut", 0, nWires - 1);
        int nPubIn = h.Count("nPubIn", 0, nWires - 1 - nPubOut);
        int nPrvIn = h.Count("nPrvIn", 0, nWires - 1 - nPubOut - nPubIn);
        ulong nLabels = h.U64();
        var s = file.Section(2, "constraints");
        // Each constraint takes at least 12 bytes (three empty combinations).
        int nConstraints = h.Count("nConstraints", 0, s.Remaining / 12);
        h.RequireEnd();
        var constraints = new Constraint[nConstraints];
        for (int i = 0; i < nConstraints; i++)
        {
            constraints[i] = new Constraint(Combination(s, i, "A", nWires), Combination(s, i, "B", nWires), Combination(s, i, "C", nWires));
        }
        s.RequireEnd();
        if (file.Has(3))
        {
            var m = file.Section(3, "wire-to-label map");
            m.RequireSize((long)nWires * 8, $"nWires = {nWires} labels of 8 bytes");
        }
        return new R1cs { NWires = nWires, NPubOut = nPubOut, NPubIn = nPubIn, NPrvIn = nPrvIn, NLabels = nLabels, Constraints = constraints };
    }

    private static LinearCombination Combination(SectionReader s, int row, string which, int nWires)
    {
        int n = s.Count($"constraint {row} {which}: term count", 0, s.Remaining / 36);
        var wires = new int[n];
        var coefs = new Bn254Fr[n];
        for (int t = 0; t < n; t++)
        {
            uint wire = s.U32();
            if (wire >= nWires) throw s.Error($"constraint {row} {which}: term {t}: wire {wire} is not below nWires = {nWires}");
            wires[t] = (int)wire;
            if (!SnarkjsEncoding.TryReadFr(s.Take(SnarkjsEncoding.N8), out coefs[t]))
                throw s.Error($"constraint {row} {which}: term {t}: coefficient is not below r");
        }
        return new LinearCombination(wires, coefs);
    }
}
