#!/usr/bin/env bash
# Installs the outside tools the tests and the main job use, where they are missing:
# Debian packages through apt-get (needs root or sudo), npm packages into .tools/node.
# Safe to run repeatedly; prints what it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: command -> package
declare -A DEB=(
  # HDL tools for emission checks, co-simulation and synthesis (the hdl verbs and their tests)
  [ghdl]=ghdl
  [ghdl-mcode]=ghdl-mcode
  [ghdl-llvm]=ghdl-llvm
  [verilator]=verilator
  [iverilog]=iverilog
  [vvp]=iverilog
  [yosys]=yosys
  [vcd2fst]=gtkwave
  # the open Lattice bitstream flow and the flash tool (bitstream build/flash and their tests); nextpnr-ecp5 and
  # prjtrellis are not packaged in Debian 12, so ECP5 builds are written as scripts to run where they are installed
  [nextpnr-ice40]=nextpnr-ice40
  [icepack]=fpga-icestorm
  [openFPGALoader]=openfpgaloader
  # tclsh: the tests run the generated Vivado TCL and XDC through it with the vendor commands stubbed
  [tclsh]=tcl
  [g++]=g++
  # the linker of the Native AOT command (scripts/build-cli.sh)
  [gcc]=gcc
  [make]=make
)

missing=()
for cmd in "${!DEB[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${DEB[$cmd]}")
done
# the iCE40 chip database (icetime's timing data) is data, not a command
dpkg -s fpga-icestorm-chipdb >/dev/null 2>&1 || missing+=(fpga-icestorm-chipdb)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-tools: apt-get install ${missing[*]}"
  $sudo apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages (into .tools/node, ignored by git): the reference Groth16 verifier/prover the prover tests run.
NPM_PKGS=(snarkjs@0.7.6)
if ! [ -x .tools/node/node_modules/.bin/snarkjs ]; then
  command -v npm >/dev/null 2>&1 || {
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "install-tools: apt-get install nodejs npm"
    $sudo apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  }
  echo "install-tools: npm install ${NPM_PKGS[*]} into .tools/node"
  mkdir -p .tools/node
  npm install --prefix .tools/node --no-audit --no-fund --loglevel=error "${NPM_PKGS[@]}" >/dev/null
fi
