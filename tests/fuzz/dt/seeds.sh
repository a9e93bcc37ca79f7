#!/bin/sh
# tests/fuzz/dt/seeds.sh OUTDIR: the seed corpus of the dt target, the shipped
# boards and the bad ones compiled into blobs (those dtc accepts).
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
out=${1:?OUTDIR}
mkdir -p "$out"
for f in "$top"/scenarios/boards/*.dts "$top"/tests/dts-bad/*.dts; do
	dtc -q -I dts -O dtb -o "$out/$(basename "$f" .dts).dtb" "$f" 2>/dev/null ||
		rm -f "$out/$(basename "$f" .dts).dtb"
done
ls "$out" | wc -l
