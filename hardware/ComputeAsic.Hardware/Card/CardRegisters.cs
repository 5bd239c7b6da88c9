namespace ComputeAsic.Hardware.Card;

/// <summary>
/// The card's register map, declared once: the AXI4-Lite slave, the driver's constants (the typed properties of this
/// class) and <c>hardware/REGISTERS.md</c> are all derived from it.
/// </summary>
public static class CardRegisters
{
    /// <summary>Version of this map, reported by <c>id_map_version</c>; bump it on any change a driver could notice.</summary>
    public const int MapVersion = 1;

    /// <summary>Identity magic: the bytes "CACD" (ComputeAsic CarD) read as a little-endian word.</summary>
    public const uint Magic = 0x44434143;

    /// <summary>Byte address bits the slave decodes: a 4 KiB window of the user BAR.</summary>
    public const int AddressBits = 12;

    /// <summary>The identity block at offset 0.</summary>
    public static IdentityRegisters Identity { get; } = new();

    /// <summary>The MSM engine's block.</summary>
    public static EngineRegisters Msm { get; } = new("msm", 0x100, "MSM engine: points and scalars in card memory, one point out.");

    /// <summary>The NTT engine's block.</summary>
    public static EngineRegisters Ntt { get; } = new("ntt", 0x200, "NTT engine: values in card memory, transformed values out.");

    /// <summary>Engine blocks in order (index = bit in <c>id_cap_engines</c>).</summary>
    public static IReadOnlyList<EngineRegisters> Engines { get; } = [Msm, Ntt];

    /// <summary>The whole map.</summary>
    public static RegisterMap Map { get; } = new(MapVersion, AddressBits, [Identity.Block, .. Engines.Select(e => e.Block)]);

    internal static RegisterField F(string name, int lsb, int width, string doc) => new(name, lsb, width, doc);
}

/// <summary>The identity block: what a host reads before it trusts a card. Every register is a build constant except the scratch word.</summary>
public sealed class IdentityRegisters
{
    internal IdentityRegisters()
    {
        const RegisterAccess RO = RegisterAccess.RO;
        static Register C(string n, int off, int w, uint reset, string doc, params RegisterField[] f) => new("id_" + n, off, w, RO, reset, doc, f, Constant: true);
        var F = CardRegisters.F;
        Magic = C("magic", 0x000, 32, CardRegisters.Magic, "0x44434143, the bytes \"CACD\": this is a ComputeAsic card.");
        MapVersion = C("map_version", 0x004, 16, CardRegisters.MapVersion, "Version of this register map.");
        BuildVersion = C("build_version", 0x008, 32, 0, "Version number the builder gave this build (the card top's build_version parameter).");
        Scratch = new("id_scratch", 0x00C, 32, RegisterAccess.RW, 0, "Free for the host: a write then read checks the register path.", []);
        DesignHash = Enumerable.Range(0, 8).Select(i => C($"design_hash_{i}", 0x010 + 4 * i, 32, 0,
            $"Design hash bytes {4 * i}..{4 * i + 3} (little-endian word) of the SHA-256 the bitstream package records.")).ToList();
        CapEngines = C("cap_engines", 0x030, 8, 0, "Engines present.",
            F("msm", 0, 1, "MSM engine (block at 0x100)"), F("ntt", 1, 1, "NTT engine (block at 0x200)"));
        CapCurves = C("cap_curves", 0x034, 8, 0, "Curves the MSM engine takes; bit index = curve code in msm_job_config.select.",
            F("bn254", 0, 1, "BN254 G1"), F("bls12_381", 1, 1, "BLS12-381 G1"), F("bls12_377", 2, 1, "BLS12-377 G1"));
        CapFields = C("cap_fields", 0x038, 8, 0, "Fields the NTT engine takes; bit index = field code in ntt_job_config.select.",
            F("bn254_fr", 0, 1, "BN254 Fr"), F("goldilocks", 1, 1, "Goldilocks"), F("babybear", 2, 1, "BabyBear"));
        CapMsm = C("cap_msm", 0x03C, 24, 0, "MSM engine shape.",
            F("max_log_size", 0, 8, "largest job is 2^max_log_size points"), F("window", 8, 8, "bucket window bits"), F("adders", 16, 8, "point adders"));
        CapNtt = C("cap_ntt", 0x040, 16, 0, "NTT engine shape.",
            F("max_log_size", 0, 8, "largest transform is 2^max_log_size values"), F("lanes", 8, 8, "butterflies per cycle"));
        CapClock = C("cap_clock", 0x044, 16, 0, "Clock the top level was built for.", F("mhz", 0, 16, "MHz"));
        Block = new("id", 0x000, "Identity: read before trusting a card. All registers are constants of the build except id_scratch.",
            [Magic, MapVersion, BuildVersion, Scratch, .. DesignHash, CapEngines, CapCurves, CapFields, CapMsm, CapNtt, CapClock]);
    }

    /// <summary>The block.</summary>
    public RegisterBlock Block { get; }

    /// <summary>Magic word.</summary>
    public Register Magic { get; }

    /// <summary>Map version.</summary>
    public Register MapVersion { get; }

    /// <summary>Build version.</summary>
    public Register BuildVersion { get; }

    /// <summary>Scratch word for host access tests.</summary>
    public Register Scratch { get; }

    /// <summary>The eight words of the design hash, bytes 0..31 in order, each little-endian.</summary>
    public IReadOnlyList<Register> DesignHash { get; }

    /// <summary>Engines present.</summary>
    public Register CapEngines { get; }

    /// <summary>Curves of the MSM engine.</summary>
    public Register CapCurves { get; }

    /// <summary>Fields of the NTT engine.</summary>
    public Register CapFields { get; }

    /// <summary>MSM engine shape.</summary>
    public Register CapMsm { get; }

    /// <summary>NTT engine shape.</summary>
    public Register CapNtt { get; }

    /// <summary>Build clock.</summary>
    public Register CapClock { get; }
}

/// <summary>One engine's control and status block; every engine has the same layout at its own base.</summary>
public sealed class EngineRegisters
{
    internal EngineRegisters(string name, int @base, string doc)
    {
        Name = name;
        var F = CardRegisters.F;
        Register R(string n, int off, int w, RegisterAccess a, string d, params RegisterField[] f) => new($"{name}_{n}", @base + off, w, a, 0, d, f);
        Control = R("control", 0x00, 3, RegisterAccess.WO, "Commands, each a one-cycle pulse to the engine.",
            F("start", 0, 1, "start the job described by the job registers"), F("abort", 1, 1, "stop the running job (it ends with error)"),
            F("soft_reset", 2, 1, "return the engine to idle, clearing done and error"));
        Status = R("status", 0x04, 16, RegisterAccess.RO, "Engine state, from the engine.",
            F("idle", 0, 1, "ready for a job"), F("busy", 1, 1, "a job is running"), F("done", 2, 1, "the last job completed"),
            F("error", 3, 1, "the last job failed"), F("error_code", 8, 8, "why it failed (engine-specific; 0 when no error)"));
        IrqEnable = R("irq_enable", 0x08, 2, RegisterAccess.RW, "Which events raise the engine's interrupt.",
            F("done", 0, 1, "on completion"), F("error", 1, 1, "on failure"));
        IrqStatus = R("irq_status", 0x0C, 2, RegisterAccess.W1C, "Events seen; write 1 to clear. The interrupt is (irq_status & irq_enable) != 0.",
            F("done", 0, 1, "a job completed"), F("error", 1, 1, "a job failed"));
        JobCount = R("job_count", 0x10, 32, RegisterAccess.RW, "Number of points (MSM) or values (NTT) of the next job.");
        JobConfig = R("job_config", 0x14, 16, RegisterAccess.RW, "Job options.",
            F("select", 0, 8, "curve (MSM) or field (NTT) code, the bit index in id_cap_curves / id_cap_fields"),
            F("inverse", 8, 1, "NTT: inverse transform (with 1/n)"));
        In0Lo = R("in0_addr_lo", 0x18, 32, RegisterAccess.RW, "Card-memory byte address of input 0 (MSM points, NTT values), bits 31..0.");
        In0Hi = R("in0_addr_hi", 0x1C, 32, RegisterAccess.RW, "Input 0 address, bits 63..32.");
        In1Lo = R("in1_addr_lo", 0x20, 32, RegisterAccess.RW, "Card-memory byte address of input 1 (MSM scalars; unused by the NTT), bits 31..0.");
        In1Hi = R("in1_addr_hi", 0x24, 32, RegisterAccess.RW, "Input 1 address, bits 63..32.");
        OutLo = R("out_addr_lo", 0x28, 32, RegisterAccess.RW, "Card-memory byte address of the result, bits 31..0.");
        OutHi = R("out_addr_hi", 0x2C, 32, RegisterAccess.RW, "Result address, bits 63..32.");
        CyclesLo = R("cycles_lo", 0x30, 32, RegisterAccess.RO, "Clock cycles of the current or last job, bits 31..0 (read hi, lo, hi; if hi changed, read lo again).");
        CyclesHi = R("cycles_hi", 0x34, 32, RegisterAccess.RO, "Cycle count, bits 63..32.");
        Block = new(name, @base, doc, [Control, Status, IrqEnable, IrqStatus, JobCount, JobConfig, In0Lo, In0Hi, In1Lo, In1Hi, OutLo, OutHi, CyclesLo, CyclesHi]);
    }

    /// <summary>Engine name, the prefix of its registers and ports.</summary>
    public string Name { get; }

    /// <summary>The block.</summary>
    public RegisterBlock Block { get; }

    /// <summary>Start, abort, soft reset.</summary>
    public Register Control { get; }

    /// <summary>Idle, busy, done, error and its code.</summary>
    public Register Status { get; }

    /// <summary>Interrupt enables.</summary>
    public Register IrqEnable { get; }

    /// <summary>Interrupt status, write one to clear.</summary>
    public Register IrqStatus { get; }

    /// <summary>Job size.</summary>
    public Register JobCount { get; }

    /// <summary>Job options.</summary>
    public Register JobConfig { get; }

    /// <summary>Input 0 address, low word.</summary>
    public Register In0Lo { get; }

    /// <summary>Input 0 address, high word.</summary>
    public Register In0Hi { get; }

    /// <summary>Input 1 address, low word.</summary>
    public Register In1Lo { get; }

    /// <summary>Input 1 address, high word.</summary>
    public Register In1Hi { get; }

    /// <summary>Result address, low word.</summary>
    public Register OutLo { get; }

    /// <summary>Result address, high word.</summary>
    public Register OutHi { get; }

    /// <summary>Cycle counter, low word.</summary>
    public Register CyclesLo { get; }

    /// <summary>Cycle counter, high word.</summary>
    public Register CyclesHi { get; }
}
