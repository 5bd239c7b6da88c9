namespace ComputeAsic.Math.Fields;

/// <summary>Code generic over a prime field, called once the field is known by name.</summary>
public interface IFieldVisitor<out R>
{
    /// <summary>Runs with the field type bound.</summary>
    R Visit<T>() where T : struct, IPrimeField<T>;
}

/// <summary>The NTT fields by the names used in files; one table so the CLI, kernels and devices agree.</summary>
public static class FieldRegistry
{
    /// <summary>Field names accepted by the <c>ntt</c> verb.</summary>
    public static IReadOnlyList<string> NttFieldNames { get; } = ["goldilocks", "babybear", "bn254-fr"];

    /// <summary>Calls the visitor with the named field's type; throws <see cref="InvalidInputException"/> for an unknown name.</summary>
    public static R Dispatch<R>(string name, IFieldVisitor<R> visitor, string where = "field") => name switch
    {
        "goldilocks" => visitor.Visit<Goldilocks>(),
        "babybear" => visitor.Visit<BabyBear>(),
        "bn254-fr" => visitor.Visit<Bn254Fr>(),
        _ => throw new InvalidInputException($"{where}: unknown field \"{name}\" (expected one of {string.Join(", ", NttFieldNames)})"),
    };
}
