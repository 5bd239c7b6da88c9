using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Curves;

/// <summary>Code generic over a curve's base field F, scalar field S and curve C, called once the curve is known by name.</summary>
public interface ICurveVisitor<out R>
{
    /// <summary>Runs with the curve's types bound.</summary>
    R Visit<F, S, C>()
        where F : struct, IPrimeField<F>
        where S : struct, IPrimeField<S>
        where C : struct, ICurve<F>;
}

/// <summary>The G1 curves the toolkit supports, by the names used in files; one table so the CLI, driver and prover agree.</summary>
public static class CurveRegistry
{
    /// <summary>Supported curve names, in the order documentation lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["bn254", "bls12-381", "bls12-377"];

    /// <summary>Whether <paramref name="name"/> is a supported curve.</summary>
    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>Calls the visitor with the named curve's types; throws <see cref="InvalidInputException"/> for an unknown name.</summary>
    public static R Dispatch<R>(string name, ICurveVisitor<R> visitor, string where = "curve") => name switch
    {
        "bn254" => visitor.Visit<Bn254Fq, Bn254Fr, Bn254G1>(),
        "bls12-381" => visitor.Visit<Bls12381Fq, Bls12381Fr, Bls12381G1>(),
        "bls12-377" => visitor.Visit<Bls12377Fq, Bls12377Fr, Bls12377G1>(),
        _ => throw new InvalidInputException($"{where}: unknown curve \"{name}\" (expected one of {string.Join(", ", Names)})"),
    };
}
