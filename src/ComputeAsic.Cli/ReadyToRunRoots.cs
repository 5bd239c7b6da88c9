using ComputeAsic.Kernels.Msm;
using ComputeAsic.Kernels.Ntt;

namespace ComputeAsic.Cli;

/// <summary>
/// Direct calls to the kernel and verb instantiations the CLI runs. They are reached at run time through generic virtual
/// methods (<see cref="IMsmEngine"/>, <see cref="INttEngine"/>, the registries' visitors), which ReadyToRun compilation cannot see through;
/// naming them here makes the published CLI (scripts/build-cli.sh) carry them precompiled instead of JIT-compiling them in
/// every process. Never called.
/// </summary>
internal static class ReadyToRunRoots
{
    /// <summary>Never called: its body only names the instantiations for the ahead-of-time compiler.</summary>
    internal static void Name(PippengerMsm msm, FastNtt ntt)
    {
        var msmVerb = new Commands.MsmCommand.Run(null!, null!);
        msmVerb.Visit<Bn254Fq, Bn254Fr, ComputeAsic.Math.Curves.Bn254G1>();
        msmVerb.Visit<Bls12381Fq, Bls12381Fr, ComputeAsic.Math.Curves.Bls12381G1>();
        msmVerb.Visit<Bls12377Fq, Bls12377Fr, ComputeAsic.Math.Curves.Bls12377G1>();
        var nttVerb = new Commands.NttCommand.Run(null!, null!, null!);
        nttVerb.Visit<Bn254Fr>();
        nttVerb.Visit<ComputeAsic.Math.Fields.Goldilocks>();
        nttVerb.Visit<ComputeAsic.Math.Fields.BabyBear>();
        msm.Msm<Bn254Fq, ComputeAsic.Math.Curves.Bn254G1>(default, default);
        msm.Msm<Bls12381Fq, ComputeAsic.Math.Curves.Bls12381G1>(default, default);
        msm.Msm<Bls12377Fq, ComputeAsic.Math.Curves.Bls12377G1>(default, default);
        msm.Msm<ComputeAsic.Math.Fields.Bn254Fq2, ComputeAsic.Math.Curves.Bn254G2>(default, default);
        Ntt<Bn254Fr>(ntt);
        Ntt<ComputeAsic.Math.Fields.Goldilocks>(ntt);
        Ntt<ComputeAsic.Math.Fields.BabyBear>(ntt);
    }

    private static void Ntt<T>(FastNtt ntt) where T : struct, ComputeAsic.Math.Fields.IPrimeField<T>
    {
        ntt.Forward<T>(default);
        ntt.Inverse<T>(default);
        ntt.ForwardCoset<T>(default, default);
        ntt.InverseCoset<T>(default, default);
    }
}
