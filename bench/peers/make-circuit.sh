#!/usr/bin/env bash
# Builds a bigger Groth16 case for the prover comparison, entirely locally and deterministically seeded:
# a chain of N circomlib Poseidon(2) hashes (about 240 constraints each) compiled with circom2 (circom 2 in
# WebAssembly, from npm), a powers-of-tau file made here (new, one contribution, prepare phase2), snarkjs
# groth16 setup, one zkey contribution, the witness and the verification key.
#
#   bench/peers/make-circuit.sh N [OUT_DIR]     (default OUT_DIR: out/bench-circuits/poseidon_N)
#
# N = 136 gives 32,640 constraints (domain 2^15); N = 272 gives 65,280 (domain 2^16).
# Nothing here is committed: out/ and .tools/ are ignored. The ptau file is cached per power in out/bench-circuits/ptau.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:?usage: make-circuit.sh N [OUT_DIR]}
OUT=${2:-out/bench-circuits/poseidon_$N}
TOOLS=.tools/node
scripts/install-tools.sh
if ! [ -x "$TOOLS/node_modules/.bin/circom2" ] || ! [ -d "$TOOLS/node_modules/circomlib" ]; then
  echo "make-circuit: npm install circom2@0.2.23 circomlib@2.0.5 into $TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error circom2@0.2.23 circomlib@2.0.5 >/dev/null
fi
SNARKJS="$TOOLS/node_modules/.bin/snarkjs"
CIRCOM="$TOOLS/node_modules/.bin/circom2"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

cat > "$OUT/circuit.circom" <<CIRCOM
pragma circom 2.0.0;
include "poseidon.circom";

// A chain of $N Poseidon(2) hashes: 1 public input (seed), 1 private input (key), 1 public output.
template PoseidonChain(n) {
    signal input seed;
    signal input key;
    signal output out;
    component h[n];
    for (var i = 0; i < n; i++) {
        h[i] = Poseidon(2);
        h[i].inputs[0] <== i == 0 ? seed : h[i-1].out;
        h[i].inputs[1] <== key;
    }
    out <== h[n-1].out;
}

component main {public [seed]} = PoseidonChain($N);
CIRCOM
echo '{"seed": "12345", "key": "6789"}' > "$OUT/input.json"

echo "make-circuit: compiling ($N hashes)"
"$CIRCOM" "$OUT/circuit.circom" --O2 --r1cs --wasm -l "$TOOLS/node_modules/circomlib/circuits" -o "$OUT" >/dev/null
"$SNARKJS" r1cs info "$OUT/circuit.r1cs" | tee "$OUT/r1cs_info.txt"
constraints=$(sed -n 's/.*# of Constraints: \([0-9]*\).*/\1/p' "$OUT/r1cs_info.txt")
publics=2
# The domain snarkjs picks: the smallest power of two >= constraints + public signals + 1.
power=0; while [ $((1 << power)) -lt $((constraints + publics + 1)) ]; do power=$((power + 1)); done
echo "make-circuit: domain 2^$power"

PTAU_DIR=out/bench-circuits/ptau
mkdir -p "$PTAU_DIR"
PTAU="$PTAU_DIR/pot${power}_final.ptau"
if ! [ -f "$PTAU" ]; then
  echo "make-circuit: powers of tau 2^$power (new, contribute, prepare phase2; minutes)"
  "$SNARKJS" powersoftau new bn128 "$power" "$PTAU_DIR/pot${power}_0000.ptau" >/dev/null
  "$SNARKJS" powersoftau contribute "$PTAU_DIR/pot${power}_0000.ptau" "$PTAU_DIR/pot${power}_0001.ptau" --name=bench -e="computeasic bench entropy" >/dev/null
  "$SNARKJS" powersoftau prepare phase2 "$PTAU_DIR/pot${power}_0001.ptau" "$PTAU.tmp" >/dev/null
  mv "$PTAU.tmp" "$PTAU"
  rm -f "$PTAU_DIR/pot${power}_0000.ptau" "$PTAU_DIR/pot${power}_0001.ptau"
fi

echo "make-circuit: groth16 setup and one contribution"
"$SNARKJS" groth16 setup "$OUT/circuit.r1cs" "$PTAU" "$OUT/circuit_0000.zkey" >/dev/null
"$SNARKJS" zkey contribute "$OUT/circuit_0000.zkey" "$OUT/circuit_final.zkey" --name=bench -e="computeasic bench zkey entropy" >/dev/null
rm -f "$OUT/circuit_0000.zkey"
"$SNARKJS" zkey export verificationkey "$OUT/circuit_final.zkey" "$OUT/verification_key.json" >/dev/null
node "$OUT/circuit_js/generate_witness.js" "$OUT/circuit_js/circuit.wasm" "$OUT/input.json" "$OUT/witness.wtns"
echo "make-circuit: done: $OUT (circuit_final.zkey, witness.wtns, verification_key.json)"
