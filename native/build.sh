#!/usr/bin/env bash
# Builds the engine's native folder: libjuxta_llama.so and llama.cpp's libraries side by side.
# The Maven build runs it (generate-resources); by hand:
#   native/build.sh OUT_DIR [prebuilt|source] [extra cmake options...]
# prebuilt (default): llama.cpp's pinned prebuilt Linux x64 libraries; source: compiles the same
# release from its pinned source, e.g. `native/build.sh target/native source -DGGML_CUDA=ON`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
mode="${2:-prebuilt}"
shift $(( $# >= 2 ? 2 : 1 ))

for tool in cmake c++ make; do
  command -v "$tool" >/dev/null || {
    echo "native/build.sh: '$tool' is needed to build the JNI library: apt-get install -y cmake g++ make" >&2
    exit 1
  }
done
java_home="${JAVA_HOME:-}"
[ -f "$java_home/include/jni.h" ] || {
  echo "native/build.sh: JAVA_HOME must be a JDK with include/jni.h (was '$java_home')" >&2
  exit 1
}
case "$mode" in
  prebuilt)
    from_source=OFF
    [ "$(uname -sm)" = "Linux x86_64" ] || {
      echo "native/build.sh: the prebuilt llama.cpp libraries are for Linux x86-64; on $(uname -sm) build from source: mode 'source' (mvn -Djuxta.llama=source)" >&2
      exit 1
    } ;;
  source) from_source=ON ;;
  *) echo "native/build.sh: the mode is 'prebuilt' or 'source', not '$mode'" >&2; exit 1 ;;
esac

cache="$("$here/fetch-llama.sh")"
build="$out.build-$mode"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DLLAMA_SOURCE_DIR="$cache/src" -DLLAMA_PREBUILT_DIR="$cache/linux-x64" -DJNI_HOME="$java_home" \
  -DJUXTA_OUTPUT_DIR="$out" -DJUXTA_LLAMA_FROM_SOURCE="$from_source" "$@" >"$build.log" 2>&1 \
  || { cat "$build.log" >&2; exit 1; }
cmake --build "$build" --parallel "$(nproc)" >>"$build.log" 2>&1 || { tail -50 "$build.log" >&2; exit 1; }
if [ "$mode" = source ]; then
  # llama.cpp puts its libraries in its own bin/; the engine loads them beside libjuxta_llama.
  cp -P "$build"/bin/*.so* "$out"/
fi
mkdir -p "$out/licenses"
cp "$cache/src/LICENSE" "$out/licenses/LICENSE-llama.cpp"
cp "$cache/src/licenses/"* "$out/licenses/"
echo "native/build.sh: $(ls "$out"/*.so | wc -l) libraries in $out ($mode)"
