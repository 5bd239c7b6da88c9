namespace ComputeAsic.Hardware.Card;

/// <summary>The card designs in the catalog: the shell alone (engine side as ports) until card tops attach engines.</summary>
public static class CardDesigns
{
    /// <summary>Catalog name of the bare shell.</summary>
    public const string ShellName = "card_shell";

    /// <summary>The identity of a bare shell built with these parameters (no engines).</summary>
    public static CardCapabilities ShellCapabilities(DesignArguments a) => new((uint)a["build_version"], a["clock_mhz"]);

    /// <summary>Adds the card designs to <see cref="DesignCatalog"/>.</summary>
    public static void RegisterAll()
    {
        DesignCatalog.Register(new DesignEntry(ShellName,
            "card shell: AXI4-Lite register map (identity with its design hash, MSM and NTT control/status blocks), engine side as ports",
            [new("clock_mhz", 250, 1, 65535, "clock the top is built for (reported in id_cap_clock)"),
             new("build_version", 1, 0, int.MaxValue, "the builder's version number (reported in id_build_version)")],
            a => CardShell.Build(ShellCapabilities(a)).Design.Top.Module)
        {
            SelfHash = a => CardShell.Build(ShellCapabilities(a)).Hash,
            Stimulus = (_, seed) => new AxiLiteStimulus(CardRegisters.Map, seed),
            Golden = (a, i, o) =>
            {
                var caps = ShellCapabilities(a);
                return new RegisterFileChecker(CardRegisters.Map, caps.Constants(CardShell.Build(caps).Hash), CardRegisters.Engines.Select(e => e.Name), i, o);
            },
        });
    }
}
