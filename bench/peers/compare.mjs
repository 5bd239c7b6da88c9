// Side-by-side timing of BN254 G1 MSM and BN254 Fr FFT: ffjavascript (the engine inside snarkjs), mcl-wasm, and ComputeAsic
// (in-process kernel, and end to end through the `computeasic` verbs on the same JSON job files). Run through run.sh,
// which installs the npm packages into .tools/node, builds, and generates the job files.
//
// Usage: node compare.mjs --jobs DIR --cli CLI (out/cli/computeasic or a computeasic.dll) --bench BENCH.dll [--reps N] [--quick] [--msm 12,16,18|none] [--fft 16,20|none]
import { createRequire } from "node:module";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith("--") ? all[i + 1] : true]);
    return acc;
}, []));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const require = createRequire(path.join(root, ".tools/node/package.json"));
const ff = require("ffjavascript");
const mcl = require("mcl-wasm");
const reps = Number(args.reps ?? 3);
const jobs = args.jobs;
const MCL_CHUNK = 4096; // mcl-wasm's mulVec fails above about 5,900 points per call

function now() { return Number(process.hrtime.bigint()) / 1e6; }
async function timeIt(fn, n) {
    // One warm-up run, then n timed runs; returns the best and the median of the timed runs and the last result.
    let result = await fn();
    const t = [];
    if (n === 0) return { best: undefined, median: undefined, result };
    for (let i = 0; i < n; i++) {
        const t0 = now();
        result = await fn();
        t.push(now() - t0);
    }
    t.sort((a, b) => a - b);
    return { best: t[0], median: t[Math.floor(t.length / 2)], result };
}

// The published command (scripts/build-cli.sh) runs as it is; a framework-dependent .dll through `dotnet`.
const cliCommand = String(args.cli).endsWith(".dll") ? ["dotnet", args.cli] : [args.cli];

function dotnet(dll, argv) {
    // Tiered compilation off: the kernels are compiled fully optimized at their first (warm-up) call, as in the published
    // Native AOT command, instead of being timed in tier-0 or on-stack-replaced code after a single warm-up.
    const env = { ...process.env, DOTNET_TieredCompilation: "0" };
    return execFileSync("dotnet", [dll, ...argv], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30, env });
}

// Wall time of one command, measured by bash's `time` around the child alone: forking this node process (gigabytes of
// heap once the large jobs are loaded) costs tens of milliseconds, which a timer here would add to the command's time.
function timed(file, argv) {
    const r = spawnSync("bash", ["-c", 'TIMEFORMAT=%3R; time "$@"', "bash", file, ...argv], { encoding: "utf8", maxBuffer: 1 << 26 });
    const lines = r.stderr.trimEnd().split("\n");
    const ms = 1000 * Number(lines.pop());
    return { status: r.status, stdout: r.stdout, stderr: lines.join("\n"), ms };
}

function oursVerb(kind, file, n) {
    // End to end: process start, JSON read and checks, kernel, JSON write. Best and median of `n` runs.
    const out = path.join(jobs, `out-${path.basename(file)}`);
    const t = [];
    let phases = "";
    for (let i = 0; i < n; i++) {
        const r = timed(cliCommand[0], [...cliCommand.slice(1), kind, "--input", file, "--output", out, "--timings"]);
        t.push(r.ms);
        if (r.status !== 0) throw new Error(`computeasic ${kind} failed: ${r.stderr}`);
        phases = r.stderr.trim(); // --timings: read / compute / write split of the last run
    }
    t.sort((a, b) => a - b);
    return { best: t[0], median: t[Math.floor(t.length / 2)], out: JSON.parse(fs.readFileSync(out, "utf8")), phases };
}

function oursInProcess(kind, file, n) {
    return JSON.parse(dotnet(args.bench, ["inproc", kind, file, String(n)]).trim().split("\n").pop());
}

function leBytes(big, buf, off, n8) {
    for (let i = 0; i < n8; i++) { buf[off + i] = Number(big & 0xffn); big >>= 8n; }
}

async function ffjsMsm(curve, job, n) {
    const { G1 } = curve;
    const count = job.points.length;
    const bases = new Uint8Array(count * 64);
    const scalars = new Uint8Array(count * 32);
    for (let i = 0; i < count; i++) {
        const p = job.points[i];
        // G1.fromObject converts canonical coordinates to ffjavascript's Montgomery form; the identity is all zeros.
        if (p !== null && !(p[0] === "0" && p[1] === "0")) bases.set(G1.fromObject([BigInt(p[0]), BigInt(p[1])]), i * 64);
        leBytes(BigInt(job.scalars[i]), scalars, i * 32, 32); // scalars are plain little-endian, not Montgomery
    }
    const r = await timeIt(() => G1.multiExpAffine(bases, scalars), n);
    const a = G1.toAffine(r.result);
    const obj = G1.isZero(a) ? null : G1.toObject(a).slice(0, 2).map(String);
    return { ...r, result: obj };
}

async function mclMsm(job, n) {
    const count = job.points.length;
    const g = new Array(count), f = new Array(count);
    for (let i = 0; i < count; i++) {
        const p = job.points[i];
        g[i] = new mcl.G1();
        if (p !== null && !(p[0] === "0" && p[1] === "0")) g[i].setStr(`1 ${p[0]} ${p[1]}`, 10);
        f[i] = new mcl.Fr();
        f[i].setStr(job.scalars[i], 10);
    }
    const run = () => {
        let acc = new mcl.G1();
        for (let i = 0; i < count; i += MCL_CHUNK) acc = mcl.add(acc, mcl.mulVec(g.slice(i, i + MCL_CHUNK), f.slice(i, i + MCL_CHUNK)));
        return acc;
    };
    const r = await timeIt(run, n);
    const a = r.result;
    if (a.isZero()) return { ...r, result: null };
    a.normalize();
    return { ...r, result: [a.getX().getStr(10), a.getY().getStr(10)] };
}

async function ffjsFft(curve, values, n) {
    const { Fr } = curve;
    const N = values.length;
    const buff = new Uint8Array(N * 32);
    for (let i = 0; i < N; i++) buff.set(Fr.e(BigInt(values[i])), i * 32); // Fr.e: canonical -> Montgomery
    const r = await timeIt(() => Fr.fft(buff), n);
    const at = (k) => String(Fr.toObject(r.result.slice(k * 32, k * 32 + 32)));
    return { ...r, digest: [at(0), at(1), at(N / 2), at(N - 1)] };
}

const version = (pkg) => JSON.parse(fs.readFileSync(path.join(root, ".tools/node/node_modules", pkg, "package.json"), "utf8")).version;
const fmt = (ms) => ms === undefined ? "n/a" : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
const ratio = (peer, ours) => peer === undefined ? "n/a" : (peer / ours).toFixed(2);

// --one msm|ntt FILE: one whole ffjavascript job in this process (read JSON, convert, compute once, print the result),
// timed from outside as a process, the peer's counterpart of our verb.
if (args.one) {
    const file = process.argv[process.argv.indexOf("--one") + 2];
    const data = JSON.parse(fs.readFileSync(file, "utf8"));
    const c = await ff.buildBn128();
    const r = args.one === "msm" ? (await ffjsMsm(c, data, 0)).result : (await ffjsFft(c, data.values, 0)).digest;
    console.log(JSON.stringify(r));
    await c.terminate();
    process.exit(0);
}

function peerProcess(kind, file, n) {
    const t = [];
    let result;
    for (let i = 0; i < n; i++) {
        const r = timed(process.execPath, ["--max-old-space-size=8192", new URL(import.meta.url).pathname, "--one", kind, file]);
        if (r.status !== 0) throw new Error(`node --one ${kind} failed: ${r.stderr}`);
        t.push(r.ms);
        result = JSON.parse(r.stdout.trim());
    }
    t.sort((a, b) => a - b);
    return { best: t[0], result };
}

const sizes = (opt, all) => opt === undefined ? all : opt === true || opt === "none" ? [] : String(opt).split(",").map(Number);
const msmSizes = args.quick ? [12] : sizes(args.msm, [12, 16, 18]);
const fftSizes = args.quick ? [12] : sizes(args.fft, [16, 20]);
console.log(`machine: ${os.cpus().length} x ${os.cpus()[0].model}; node ${process.version}; ffjavascript ${version("ffjavascript")}; mcl-wasm ${version("mcl-wasm")}`);
console.log(`each time: best of ${reps} runs after one warm-up (verb: best of ${reps} whole-process runs, no warm-up)\n`);
await mcl.init(mcl.BN_SNARK1);
const curve = await ff.buildBn128();
const rows = [];
let allSame = true;

for (const log of msmSizes) {
    const file = path.join(jobs, `msm-bn254-2^${log}.json`);
    const job = JSON.parse(fs.readFileSync(file, "utf8"));
    const verb = oursVerb("msm", file, reps);
    const inproc = oursInProcess("msm", file, reps);
    const ffjs = await ffjsMsm(curve, job, log >= 18 ? Math.min(reps, 2) : reps);
    const mclR = await mclMsm(job, log >= 16 ? 1 : reps);
    const ffjsEnd = peerProcess("msm", file, log >= 18 ? 1 : reps);
    const ours = inproc.result;
    const same = [verb.out.result, ffjs.result, mclR.result, ffjsEnd.result].every((r) => JSON.stringify(r) === JSON.stringify(ours));
    allSame &&= same;
    rows.push([`MSM G1 2^${log}`, fmt(ffjs.best), fmt(mclR.best) + (job.points.length > MCL_CHUNK ? "*" : ""), fmt(inproc.best_ms),
        fmt(ffjsEnd.best), fmt(verb.best),
        ratio(ffjs.best, inproc.best_ms), ratio(mclR.best, inproc.best_ms), ratio(ffjs.best, verb.best), ratio(ffjsEnd.best, verb.best), same ? "yes" : "NO"]);
    console.error(`msm 2^${log}: verb phases: ${verb.phases}`);
}

for (const log of fftSizes) {
    const file = path.join(jobs, `ntt-bn254-fr-2^${log}.json`);
    const values = JSON.parse(fs.readFileSync(file, "utf8")).values;
    const verb = oursVerb("ntt", file, reps);
    const inproc = oursInProcess("ntt", file, reps);
    const ffjs = await ffjsFft(curve, values, reps);
    const ffjsEnd = peerProcess("ntt", file, log >= 20 ? 1 : reps);
    const N = values.length;
    const vo = verb.out.values;
    const ourDigest = [vo[0], vo[1], vo[N / 2], vo[N - 1]];
    const inprocDigest = inproc.result; // [X_0, X_(n/2), X_(n-1)]
    const same = JSON.stringify(ffjs.digest) === JSON.stringify(ourDigest) && JSON.stringify(ffjsEnd.result) === JSON.stringify(ourDigest)
        && JSON.stringify(inprocDigest) === JSON.stringify([vo[0], vo[N / 2], vo[N - 1]]);
    allSame &&= same;
    rows.push([`FFT Fr 2^${log}`, fmt(ffjs.best), "n/a", fmt(inproc.best_ms), fmt(ffjsEnd.best), fmt(verb.best),
        ratio(ffjs.best, inproc.best_ms), "n/a", ratio(ffjs.best, verb.best), ratio(ffjsEnd.best, verb.best), same ? "yes" : "NO"]);
    console.error(`fft 2^${log}: verb phases: ${verb.phases}`);
}

const head = ["job", "ffjavascript", "mcl-wasm", "ours in-process", "ffjavascript process", "ours verb process", "ffjs / ours", "mcl / ours", "ffjs / ours verb", "ffjs process / ours verb", "same result"];
console.log(`| ${head.join(" | ")} |`);
console.log(`|${head.map(() => "---").join("|")}|`);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
console.log(`\n* mcl-wasm fails above about 5,900 points per mulVec call, so it is called on chunks of ${MCL_CHUNK} points and the chunk sums added.`);
console.log("in-process columns: the kernel alone on prepared inputs. process columns: a whole process reading the same JSON job file (start-up, parsing, checks or conversion, compute, result).");
console.log("ratios are peer time / our time (above 1: ours is faster). FFT results compared at X_0, X_1, X_(n/2), X_(n-1).");
console.log(allSame ? "all sides computed the same results" : "MISMATCH: some side computed a different result");
await curve.terminate();
process.exit(allSame ? 0 : 1);
