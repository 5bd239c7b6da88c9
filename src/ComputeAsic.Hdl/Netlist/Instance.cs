using System.Runtime.CompilerServices;

namespace ComputeAsic.Hdl;

/// <summary>A child module placed in a parent: its inputs are connected to parent signals and its outputs read as parent signals.</summary>
public sealed class Instance
{
    private readonly Dictionary<string, (Signal Value, SourceLocation At)> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Signal> _outputs = new(StringComparer.Ordinal);

    internal Instance(Module parent, Module definition, string name, SourceLocation location)
    {
        Parent = parent;
        Definition = definition;
        Name = name;
        Location = location;
    }

    /// <summary>The module containing the instance.</summary>
    public Module Parent { get; }

    /// <summary>The module instantiated.</summary>
    public Module Definition { get; }

    /// <summary>Instance label in emitted HDL.</summary>
    public string Name { get; }

    /// <summary>Where the instance was created.</summary>
    public SourceLocation Location { get; }

    /// <summary>The parent signal connected to each child input port.</summary>
    public IReadOnlyDictionary<string, Signal> Connections => _connections.ToDictionary(kv => kv.Key, kv => kv.Value.Value);

    /// <summary>The parent signal connected to child input <paramref name="port"/>, if connected; emitters and the simulator use it.</summary>
    public bool TryGetConnection(string port, out Signal value)
    {
        bool ok = _connections.TryGetValue(port, out var c);
        value = c.Value;
        return ok;
    }

    /// <summary>Connects the child input port created as <paramref name="childInput"/> to <paramref name="value"/>.</summary>
    public void Connect(Signal childInput, Signal value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        // A bundle's flipped field is a wire driven by the input port; accept it for the port.
        if (childInput.Op == Op.Wire && childInput.Operands.Count == 1 && childInput.Operands[0].Op == Op.Input) childInput = childInput.Operands[0];
        if (childInput.Op != Op.Input || !ReferenceEquals(childInput.Owner, Definition))
            throw new HdlException(DesignRule.Structure, at, $"{childInput.Describe()} is not an input port of module '{Definition.Name}'");
        Connect(childInput.PortName!, value, file, line);
    }

    /// <summary>Connects the child input port named <paramref name="port"/> to <paramref name="value"/>.</summary>
    public void Connect(string port, Signal value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        Parent.Mutable();
        var p = Definition.Inputs.FirstOrDefault(x => x.Name == port)
            ?? throw new HdlException(DesignRule.Structure, at, $"module '{Definition.Name}' has no input port '{port}'");
        if (p.Width != value.Width) throw new HdlException(DesignRule.WidthMismatch, at, $"{Name}.{port} is {p.Width} bits but is connected to {value.Width} bits");
        if (_connections.TryGetValue(port, out var prev)) throw new HdlException(DesignRule.MultipleDrivers, at, $"{Name}.{port} is already connected (at {prev.At})");
        _connections[port] = (value, at);
    }

    /// <summary>The parent-side signal of the child output whose value is <paramref name="childOutput"/>.</summary>
    public Signal Output(Signal childOutput, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        var ports = Definition.Outputs.Where(p => ReferenceEquals(p.Signal, childOutput)).ToList();
        if (ports.Count != 1)
            throw new HdlException(DesignRule.Structure, at, ports.Count == 0
                ? $"{childOutput.Describe()} is not an output of module '{Definition.Name}'"
                : $"{childOutput.Describe()} drives several outputs of '{Definition.Name}'; name the port");
        return Output(ports[0].Name, file, line);
    }

    /// <summary>The parent-side signal of the child output port named <paramref name="port"/>.</summary>
    public Signal Output(string port, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        if (_outputs.TryGetValue(port, out var s)) return s;
        var p = Definition.Outputs.FirstOrDefault(x => x.Name == port)
            ?? throw new HdlException(DesignRule.Structure, at, $"module '{Definition.Name}' has no output port '{port}'");
        s = new Signal(Op.InstanceOutput, p.Width, [], at) { Owner = Parent, Instance = this, PortName = port };
        s.Named($"{Name}_{port}");
        _outputs[port] = s;
        return s;
    }

    /// <summary>Connects a child input bundle: its forward fields take <paramref name="value"/>'s fields; its flipped fields drive <paramref name="value"/>'s (wire) fields.</summary>
    public void Connect<T>(T childInput, T value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : Bundle
    {
        var child = childInput.Fields();
        var parent = value.Fields();
        for (int i = 0; i < child.Count; i++)
        {
            if (!child[i].Flipped) Connect(child[i].Signal, parent[i].Signal, file, line);
            else parent[i].Signal.Assign(Output(child[i].Signal, file, line), file, line);
        }
    }

    /// <summary>A child output bundle seen from the parent: forward fields are instance outputs, flipped fields are new wires the parent assigns.</summary>
    public T Output<T>(T childOutput, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : Bundle =>
        childOutput.Rebuild<T>(f =>
        {
            if (!f.Flipped) return Output(f.Signal, file, line);
            var w = Parent.Wire(f.Signal.Width, null, file, line);
            Connect(f.Signal, w, file, line);
            return w;
        });
}
