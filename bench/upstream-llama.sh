#!/usr/bin/env bash
# Builds upstream llama.cpp's llama-server, llama-bench and llama-batched-bench from the release
# Juxta pins (native/llama.cpp.lock, fetched by native/fetch-llama.sh), CPU only, Release, into the
# same cache folder, once per machine (about 7 minutes on 2 cores). Prints the folder holding the
# three programs. The bench calls it; it can also be run by hand.
#   bench/upstream-llama.sh [CACHE_DIR]    (default: what native/fetch-llama.sh uses)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

missing=()
command -v cmake >/dev/null || missing+=("cmake (apt-get install -y cmake)")
command -v c++ >/dev/null || command -v g++ >/dev/null || missing+=("a C++ compiler (apt-get install -y g++)")
command -v ninja >/dev/null || command -v make >/dev/null || missing+=("ninja or make (apt-get install -y ninja-build)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "upstream-llama: cannot build upstream llama.cpp; missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

# fetch-llama.sh prints the cache folder last; its own progress stays on stderr.
cache="$("$here/../native/fetch-llama.sh" "$@" | tail -n 1)"
src="$cache/src"
build="$cache/upstream-build"
targets=(llama-server llama-bench llama-batched-bench)
# -march=native: the engine's prebuilt libraries pick the CPU variant matching this machine at run
# time, so a native build is the like-for-like peer. No UI download: the bench drives the HTTP API.
flags=(-DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON -DBUILD_SHARED_LIBS=OFF
       -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON
       -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF)
stamp="$(git -C "$src" rev-parse HEAD 2>/dev/null || cat "$src"/.done-*) ${flags[*]}"

exec 9>"$cache/.upstream-lock"
flock 9
if [ -f "$build/.done" ] && [ "$(cat "$build/.done")" = "$stamp" ]; then
  echo "$build/bin"
  exit 0
fi
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
echo "upstream-llama: building ${targets[*]} from $src into $build (several minutes)..." >&2
rm -rf "$build"
cmake -S "$src" -B "$build" "${generator[@]}" "${flags[@]}" >"$cache/upstream-build.log" 2>&1 \
  || { echo "upstream-llama: cmake configure failed, see $cache/upstream-build.log" >&2; exit 1; }
cmake --build "$build" --config Release -j "$(nproc 2>/dev/null || echo 2)" --target "${targets[@]}" \
  >>"$cache/upstream-build.log" 2>&1 \
  || { echo "upstream-llama: build failed, see $cache/upstream-build.log" >&2; exit 1; }
for t in "${targets[@]}"; do
  [ -x "$build/bin/$t" ] || { echo "upstream-llama: $t was not built, see $cache/upstream-build.log" >&2; exit 1; }
done
echo "$stamp" >"$build/.done"
echo "$build/bin"
