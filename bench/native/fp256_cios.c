/* BN254 Fq Montgomery multiplication in C: the yardstick for the C# Fp256 multiply.
 *
 * The routine is the same CIOS (coarsely integrated operand scanning) product that
 * src/ComputeAsic.Math/Fields/Generator/gen_montgomery.py emits for Fp256<P> (MulCore): 4
 * little-endian 64-bit limbs, R = 2^256; each round adds the row x_i*y into t (carry word t4), then
 * one reduction row m*q shifts t down a word; no extra carry word because q leaves its top bit
 * clear; the rare final subtraction sits behind a branch on the top word, as in C#.
 * Written with unsigned __int128 so gcc emits mulx/adc. The same product with the two inner passes
 * interleaved word by word (how most C code writes CIOS) is measured too; the faster C is the yardstick.
 *
 * The loops and inputs mirror ComputeAsic.Bench's `field-vs-c` mode exactly, and both print the
 * same checksum, which proves the two compute the same thing:
 *   mul-latency:    x = x * y, N times (each product waits for the previous one)
 *   mul-throughput: 8 independent chains x[j] = x[j] * y[j] advanced in turn
 * Output: one line per loop, median ns per multiplication over the repetitions, by thread CPU
 * time and by wall time.
 *
 * Standalone: gcc -O3 -march=native -o fp256_cios fp256_cios.c && ./fp256_cios [N [REPS]]
 * bench/field-vs-c.sh builds it as a shared library (-shared -fPIC -DFP256_CIOS_LIBRARY) that the C#
 * bench calls, alternating C and C# repetitions in one process.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef unsigned __int128 u128;
typedef uint64_t u64;

/* q = 21888242871839275222246405745257275088696311157297823662689037894645226208583 */
static const u64 M[4] = {0x3c208c16d87cfd47ULL, 0x97816a916871ca8dULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL};
static const u64 INV = 0x87d20782e4866389ULL; /* -q^-1 mod 2^64 */

/* t < 2q: subtract q when t >= q. The top word decides almost always (t >= q has probability about
 * q/4R), so the full comparison sits behind a predictable branch, as in the C# ReduceRare. */
static inline __attribute__((always_inline)) void final_subtract(u64 r[4], u64 t0, u64 t1, u64 t2, u64 t3) {
    if (t3 >= M[3]) {
        u64 d0, d1, d2, d3, br;
        u128 s;
        s = (u128)t0 - M[0];        d0 = (u64)s; br = (u64)(s >> 64) & 1;
        s = (u128)t1 - M[1] - br;   d1 = (u64)s; br = (u64)(s >> 64) & 1;
        s = (u128)t2 - M[2] - br;   d2 = (u64)s; br = (u64)(s >> 64) & 1;
        s = (u128)t3 - M[3] - br;   d3 = (u64)s; br = (u64)(s >> 64) & 1;
        if (!br) { r[0] = d0; r[1] = d1; r[2] = d2; r[3] = d3; return; }
    }
    r[0] = t0; r[1] = t1; r[2] = t2; r[3] = t3;
}

static inline __attribute__((always_inline)) void mont_mul(u64 r[4], const u64 x[4], const u64 y[4]) {
    u64 t0, t1, t2, t3, t4, m, c;
    u128 p;
    for (int i = 0; i < 4; i++) {
        u64 xi = x[i];
        /* row: t += xi * y (t4 takes the carry word) */
        if (i == 0) {
            p = (u128)xi * y[0];            t0 = (u64)p; c = (u64)(p >> 64);
            p = (u128)xi * y[1] + c;        t1 = (u64)p; c = (u64)(p >> 64);
            p = (u128)xi * y[2] + c;        t2 = (u64)p; c = (u64)(p >> 64);
            p = (u128)xi * y[3] + c;        t3 = (u64)p; c = (u64)(p >> 64);
        } else {
            p = (u128)xi * y[0] + t0;       t0 = (u64)p; c = (u64)(p >> 64);
            p = (u128)xi * y[1] + c + t1;   t1 = (u64)p; c = (u64)(p >> 64);
            p = (u128)xi * y[2] + c + t2;   t2 = (u64)p; c = (u64)(p >> 64);
            p = (u128)xi * y[3] + c + t3;   t3 = (u64)p; c = (u64)(p >> 64);
        }
        t4 = c;
        /* reduction: t = (t + m q) / 2^64; the low word of m q0 + t0 is 0, so it carries iff t0 != 0 */
        m = t0 * INV;
        c = (u64)(((u128)m * M[0]) >> 64) + (t0 != 0);
        p = (u128)m * M[1] + c + t1;        t0 = (u64)p; c = (u64)(p >> 64);
        p = (u128)m * M[2] + c + t2;        t1 = (u64)p; c = (u64)(p >> 64);
        p = (u128)m * M[3] + c + t3;        t2 = (u64)p; c = (u64)(p >> 64);
        t3 = t4 + c;
    }
    final_subtract(r, t0, t1, t2, t3);
}

/* The same CIOS product with the row and reduction steps interleaved word by word (one inner loop, as
 * most C libraries write it). Not what the C# emits, but gcc schedules it better, so the comparison
 * also reports it: the faster of the two C routines is the yardstick. */
static inline __attribute__((always_inline)) void mont_mul_interleaved(u64 r[4], const u64 x[4], const u64 y[4]) {
    u64 t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (int i = 0; i < 4; i++) {
        u64 xi = x[i];
        u128 p = (u128)xi * y[0] + t0;
        u64 a = (u64)(p >> 64), lo = (u64)p;
        u64 m = lo * INV;
        u64 c = (u64)(((u128)m * M[0]) >> 64) + (lo != 0);
        p = (u128)xi * y[1] + t1 + a; a = (u64)(p >> 64);
        u128 q = (u128)m * M[1] + (u64)p + c; c = (u64)(q >> 64); t0 = (u64)q;
        p = (u128)xi * y[2] + t2 + a; a = (u64)(p >> 64);
        q = (u128)m * M[2] + (u64)p + c; c = (u64)(q >> 64); t1 = (u64)q;
        p = (u128)xi * y[3] + t3 + a; a = (u64)(p >> 64);
        q = (u128)m * M[3] + (u64)p + c; c = (u64)(q >> 64); t2 = (u64)q;
        t3 = c + a;
    }
    final_subtract(r, t0, t1, t2, t3);
}

/* splitmix64: the same input generator as the C# side */
static u64 splitmix(u64 *s) {
    u64 z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A raw Montgomery value below q: clearing the top 3 bits leaves it below 2^253 < q. */
static void element(u64 *s, u64 e[4]) {
    for (int i = 0; i < 4; i++) e[i] = splitmix(s);
    e[3] &= 0x1fffffffffffffffULL;
}

/* Thread CPU time is what the comparison uses: on a shared machine it leaves out the time other
 * processes hold the core; wall time is printed beside it. */
static double clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

typedef struct { double cpu, wall; } times;

static times start(void) { times t = {clock_ns(CLOCK_THREAD_CPUTIME_ID), clock_ns(CLOCK_MONOTONIC)}; return t; }

static times per_op(times t0, long ops) {
    times t = {(clock_ns(CLOCK_THREAD_CPUTIME_ID) - t0.cpu) / ops, (clock_ns(CLOCK_MONOTONIC) - t0.wall) / ops};
    return t;
}

static u64 fold(const u64 e[4]) { return e[0] ^ (e[1] * 3) ^ (e[2] * 5) ^ (e[3] * 7); }

#define CHAINS 8

/* Seeds come through a volatile so gcc cannot fold the inputs into constants (C# cannot either). */
static volatile u64 seed_base = 0;

#define LOOPS(NAME, MUL)                                                                   \
    static u64 NAME##_latency(long n, times *per) {                                        \
        u64 seed = seed_base + 1, x[4], y[4];                                              \
        element(&seed, x);                                                                 \
        element(&seed, y);                                                                 \
        times t = start();                                                                 \
        for (long k = 0; k < n; k++) MUL(x, x, y);                                         \
        *per = per_op(t, n);                                                               \
        return fold(x);                                                                    \
    }                                                                                      \
    static u64 NAME##_throughput(long n, times *per) {                                     \
        u64 seed = seed_base + 2, x[CHAINS][4], y[CHAINS][4];                              \
        for (int j = 0; j < CHAINS; j++) { element(&seed, x[j]); element(&seed, y[j]); }  \
        long rounds = n / CHAINS;                                                          \
        times t = start();                                                                 \
        for (long k = 0; k < rounds; k++)                                                  \
            for (int j = 0; j < CHAINS; j++) MUL(x[j], x[j], y[j]);                        \
        *per = per_op(t, rounds * CHAINS);                                                 \
        u64 h = 0;                                                                         \
        for (int j = 0; j < CHAINS; j++) h ^= fold(x[j]) * (u64)(j + 1);                   \
        return h;                                                                          \
    }

LOOPS(rows, mont_mul)
LOOPS(interleaved, mont_mul_interleaved)

/* In-process entry for bench/field-vs-c.sh (built with -shared -DFP256_CIOS_LIBRARY): the C# bench loads
 * this library and alternates C and C# repetitions in one process, so both see the same machine load.
 * routine: 0 = rows (the C# routine), 1 = interleaved; loop: 0 = latency, 1 = throughput.
 * Returns the checksum; *cpu_ns and *wall_ns receive ns per multiplication. */
u64 fp256_cios_loop(int routine, int loop, long n, double *cpu_ns, double *wall_ns) {
    times t;
    u64 h = routine == 0 ? (loop == 0 ? rows_latency(n, &t) : rows_throughput(n, &t))
                         : (loop == 0 ? interleaved_latency(n, &t) : interleaved_throughput(n, &t));
    *cpu_ns = t.cpu;
    *wall_ns = t.wall;
    return h;
}

#ifndef FP256_CIOS_LIBRARY
static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, times *t, int reps, u64 checksum) {
    double cpu[64], wall[64];
    for (int r = 0; r < reps; r++) { cpu[r] = t[r].cpu; wall[r] = t[r].wall; }
    qsort(cpu, reps, sizeof(double), cmp);
    qsort(wall, reps, sizeof(double), cmp);
    printf("c %s cpu %.2f wall %.2f checksum %016llx\n", what, cpu[reps / 2], wall[reps / 2], (unsigned long long)checksum);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 10000000L;
    int reps = argc > 2 ? atoi(argv[2]) : 7;
    times t[4][64];
    u64 h[4] = {0, 0, 0, 0};
    if (reps > 64) reps = 64;
    if (reps < 1) reps = 1;
    for (int r = 0; r < reps; r++) {
        h[0] = rows_latency(n, &t[0][r]);
        h[1] = rows_throughput(n, &t[1][r]);
        h[2] = interleaved_latency(n, &t[2][r]);
        h[3] = interleaved_throughput(n, &t[3][r]);
    }
    /* median of the repetitions, ns per multiplication */
    report("rows mul-latency", t[0], reps, h[0]);
    report("rows mul-throughput", t[1], reps, h[1]);
    report("interleaved mul-latency", t[2], reps, h[2]);
    report("interleaved mul-throughput", t[3], reps, h[3]);
    return 0;
}
#endif
