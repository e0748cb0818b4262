# Sourced by the bin/ scripts: finds a Java 25 JDK (Temurin beside the machine's default Java 17).
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then JAVA_HOME=$candidate; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  echo "Juxta needs a Java 25 JDK (Temurin 25). Install it and set JAVA_HOME, e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64" >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

# The build compiles Juxta's JNI library and fetches llama.cpp's pinned npm packages
# (native/build.sh): it needs npm, git, cmake, make and a C++ compiler. As root on Debian the
# missing ones are installed; otherwise the script names them and stops.
missing=()
for tool in npm git cmake make c++; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing what the native build needs (missing: ${missing[*]})" >&2
    apt-get update -qq && apt-get install -y -qq npm git cmake make g++ >/dev/null
  else
    echo "Juxta's build needs ${missing[*]}: on Debian or Ubuntu, apt-get install -y npm git cmake make g++" >&2
    exit 1
  fi
fi
unset missing tool
