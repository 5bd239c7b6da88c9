using System.Diagnostics;
using ComputeAsic.Math.Fields;
using Xunit.Abstractions;

namespace ComputeAsic.Prover.Tests;

public sealed class Scratch(ITestOutputHelper o)
{
    static Bn254Fq2 Naive(Bn254Fq2 a, Bn254Fq2 b)
    {
        var v0 = a.C0 * b.C0; var v1 = a.C1 * b.C1;
        return new Bn254Fq2(v0 - v1, (a.C0 + a.C1) * (b.C0 + b.C1) - v0 - v1);
    }

    [Fact]
    public void Explore()
    {
        var a = Bn254Fq.FromInt(12345678); var b = Bn254Fq.FromInt(987654321);
        var x = new Bn254Fq2(a, b); var y = new Bn254Fq2(b, a); var z = new Bn254Fq2(a + b, a); var u = new Bn254Fq2(b, b + a);
        var f1 = a; var f2 = b; var f3 = a + b; var f4 = a - b;
        for (int rep = 0; rep < 5; rep++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < 500_000; i++) { f1 = f1 * f2; f3 = f3 * f4; f2 = f2 * f1; f4 = f4 * f3; }
            double t1 = sw.Elapsed.TotalNanoseconds / 2e6; sw.Restart();
            for (int i = 0; i < 500_000; i++) { x = x * y; z = z * u; y = y * x; u = u * z; }
            double t2 = sw.Elapsed.TotalNanoseconds / 2e6; sw.Restart();
            for (int i = 0; i < 500_000; i++) { x = Naive(x, y); z = Naive(z, u); y = Naive(y, x); u = Naive(u, z); }
            double t3 = sw.Elapsed.TotalNanoseconds / 2e6; sw.Restart();
            for (int i = 0; i < 500_000; i++) { x = x.Square(); z = z.Square(); y = y.Square(); u = u.Square(); }
            double t4 = sw.Elapsed.TotalNanoseconds / 2e6;
            o.WriteLine($"Fq mul {t1:F1} ns, Fq2 lazy {t2:F1} ns, Fq2 naive {t3:F1} ns, Fq2 sqr {t4:F1} {f1}{f3} {x}{z}");
        }
    }
}
