using System.Collections.Concurrent;
using System.Reflection;

namespace ComputeAsic.Hdl;

/// <summary>Marks a bundle field that flows against the bundle (such as a stream's ready): an output where the bundle is an input.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FlippedAttribute : Attribute;

/// <summary>One field of a flattened bundle.</summary>
/// <param name="Name">Field path joined with underscores (port suffix).</param>
/// <param name="Signal">The field's signal.</param>
/// <param name="Flipped">Whether the field flows against the bundle.</param>
public readonly record struct BundleField(string Name, Signal Signal, bool Flipped);

/// <summary>
/// A typed record of signals (a port bundle): derive a record whose settable properties are <see cref="Signal"/>s,
/// <see cref="Signal"/> arrays or nested bundles. Modules and instances declare and connect whole bundles at once.
/// </summary>
public abstract record Bundle
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Props = new();

    private static PropertyInfo[] PropsOf(Type t) => Props.GetOrAdd(t, static t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.SetMethod != null
            && (p.PropertyType == typeof(Signal) || p.PropertyType == typeof(Signal[]) || typeof(Bundle).IsAssignableFrom(p.PropertyType)))
        .OrderBy(p => p.MetadataToken)
        .ToArray());

    private static string Snake(string name) => Naming.Sanitize(name).ToLowerInvariant();

    /// <summary>The fields flattened in declaration order, nested names joined by underscores.</summary>
    public IReadOnlyList<BundleField> Fields()
    {
        var list = new List<BundleField>();
        Collect("", false, list);
        return list;
    }

    private void Collect(string prefix, bool flipped, List<BundleField> list)
    {
        foreach (var p in PropsOf(GetType()))
        {
            string name = prefix + Snake(p.Name);
            bool f = flipped ^ (p.GetCustomAttribute<FlippedAttribute>() != null);
            switch (p.GetValue(this))
            {
                case Signal s: list.Add(new BundleField(name, s, f)); break;
                case Signal[] a:
                    for (int i = 0; i < a.Length; i++) list.Add(new BundleField($"{name}_{i}", a[i], f));
                    break;
                case Bundle b: b.Collect(name + "_", f, list); break;
                default: throw new InvalidOperationException($"bundle {GetType().Name}.{p.Name} is null");
            }
        }
    }

    /// <summary>A copy of this bundle with every field replaced by <paramref name="make"/>'s result, for declaring and connecting ports.</summary>
    public T Rebuild<T>(Func<BundleField, Signal> make) where T : Bundle => (T)RebuildAt("", false, make);

    private Bundle RebuildAt(string prefix, bool flipped, Func<BundleField, Signal> make)
    {
        var copy = (Bundle)MemberwiseClone();
        foreach (var p in PropsOf(GetType()))
        {
            string name = prefix + Snake(p.Name);
            bool f = flipped ^ (p.GetCustomAttribute<FlippedAttribute>() != null);
            object? v = p.GetValue(this) switch
            {
                Signal s => make(new BundleField(name, s, f)),
                Signal[] a => a.Select((s, i) => make(new BundleField($"{name}_{i}", s, f))).ToArray(),
                Bundle b => b.RebuildAt(name + "_", f, make),
                _ => throw new InvalidOperationException($"bundle {GetType().Name}.{p.Name} is null"),
            };
            p.SetValue(copy, v);
        }
        return copy;
    }
}

/// <summary>
/// A valid/ready stream: <see cref="Data"/> moves when <see cref="Valid"/> and <see cref="Ready"/> are both 1 at a
/// clock edge. The producer drives valid and data, the consumer drives ready (flipped).
/// </summary>
/// <param name="Valid">Producer has data this cycle.</param>
/// <param name="Data">The payload.</param>
/// <param name="Ready">Consumer takes data this cycle.</param>
public sealed record ValidReady(Signal Valid, Signal Data, [property: Flipped] Signal Ready) : Bundle
{
    /// <summary>A shape for declaring stream ports of a given payload width.</summary>
    public static ValidReady Shape(int dataWidth) => new(Signal.OfWidth(1), Signal.OfWidth(dataWidth), Signal.OfWidth(1));

    /// <summary>One bit: a transfer happens this cycle.</summary>
    public Signal Fire => Valid & Ready;
}
