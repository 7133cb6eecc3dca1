#!/usr/bin/env bash
# Builds the benchmarks and runs the whole suite: about 10 minutes on 2 cores.
# Writes benchmarks/results/: one JMH JSON (and console log) per workload and JDK, results.md
# (tables of ratios to the for loop, targets, machine, JVM settings), ratios.svg, environment.txt.
#
#   bash benchmarks/run.sh          the full suite
#   QUICK=1 bash benchmarks/run.sh  a one-minute check of the pipeline, with few items and no
#                                   warm-up, into benchmarks/target/quick-results/ (not for numbers)
#
# JDK 17 is the `java` on the PATH (or $JAVA_HOME's); workload C also runs on JDK 25 when
# $JAVA25_HOME points at one (or one is installed in the usual /usr/lib/jvm place), else it skips.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

java17=java
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then java17="$JAVA_HOME/bin/java"; fi
java25=""
if [[ -n "${JAVA25_HOME:-}" && -x "$JAVA25_HOME/bin/java" ]]; then
  java25="$JAVA25_HOME/bin/java"
else
  for candidate in /usr/lib/jvm/*25*/bin/java; do
    if [[ -x "$candidate" ]]; then java25="$candidate"; break; fi
  done
fi

echo "== building the benchmarks jar"
mvn -B -q -DskipTests -pl benchmarks -am package
jar=benchmarks/target/benchmarks.jar

# Iterations per run: short, one fork, as the 10-minute budget on 2 cores allows.
it_a=(-wi 3 -w 1s -i 3 -r 1s)  # the loop's first C2 code is replaced once: three warm-ups
it_b=(-wi 2 -w 1s -i 3 -r 1s)
it_c=(-wi 1 -w 1s -i 3 -r 1s)
it_cold=(-bm ss -wi 0 -i 1)     # contenders that need tens of seconds: one cold call
it_c10k=(-bm ss -wi 1 -i 2)
it_slow=(-bm ss -wi 1 -i 1)
it_d=(-wi 1 -w 1s -i 2 -r 1s)
a_n=(); b_n=(); c_n=(); c25_n=(-p n=1000); c10k_n=(-p n=10000); lazy_n=()
out=benchmarks/results
if [[ "${QUICK:-}" == 1 ]]; then
  out=benchmarks/target/quick-results
  it_a=(-wi 0 -i 1 -r 200ms); it_b=("${it_a[@]}"); it_c=("${it_a[@]}"); it_d=("${it_a[@]}")
  it_c10k=(-bm ss -wi 0 -i 1); it_slow=(-bm ss -wi 0 -i 1)
  a_n=(-p n=100000); b_n=(-p n=1000); c_n=(-p n=50); c25_n=(-p n=50); c10k_n=(-p n=200)
  lazy_n=(-p n=1000000)
fi
jdk_of() { "$1" -XshowSettings:properties -version 2>&1 | awk '/java.specification.version/ {print $3}'; }
v17=$(jdk_of "$java17")
mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.log "$out"/results.md "$out"/ratios.svg "$out"/environment.txt

# The same flags for every contender of a workload. Speed runs: a fixed 1 GB heap, pre-touched,
# G1 with 16 MB regions so that a 1,000,000-element result array (4 MB) is an ordinary young
# allocation for every contender, not a humongous one.
speed="-Xms1g -Xmx1g -XX:+UseG1GC -XX:G1HeapRegionSize=16m -XX:+AlwaysPreTouch"
# Memory runs: a fixed heap with a small fixed young generation, so that GCs (where the peak heap
# profiler looks) are frequent.
list_mem="-Xms512m -Xmx512m -Xmn64m -XX:+UseG1GC -XX:G1HeapRegionSize=16m"
lazy_mem="-Xms64m -Xmx64m -Xmn16m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"
peak=dev.parallelfor.benchmarks.PeakHeapProfiler

{
  echo "load average before the suite: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  echo "cores: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
  echo "jdk $v17: $("$java17" -version 2>&1 | head -2 | tr '\n' ' ')"
  if [[ -n "$java25" ]]; then echo "jdk: $("$java25" -version 2>&1 | head -2 | tr '\n' ' ')"; fi
} > "$out/environment.txt"

# jmh NAME JAVA ARGS...: one JMH run, JSON to NAME.json and the console to NAME.log.
jmh() {
  local name=$1 java=$2
  shift 2
  echo "== $name"
  "$java" -jar "$jar" "$@" -f 1 -gc true -rf json -rff "$out/$name.json" \
    > "$out/$name.log" 2>&1 || echo "   (JMH exited with $?; see $out/$name.log)"
  grep -E '^(Benchmark|[A-Za-z]+Benchmark\.[a-z]+ )' "$out/$name.log" || true
}

all_fast="EXECUTOR_FUTURES,COMPLETABLE_FUTURES,PARALLEL_COLLECTORS,PARALLEL_COLLECTORS_BATCHING,PARALLELFOR_IO"

# A: tiny items, ns/item. Three warm-up seconds: the loop's first C2 code is replaced once.
# parallel-collectors' per-item collector takes about 10 µs an item here (seconds a run), so it
# gets single calls instead of timed iterations.
all_but_pc="FOR_LOOP,PARALLEL_STREAM,EXECUTOR_FUTURES,COMPLETABLE_FUTURES,PARALLEL_COLLECTORS_BATCHING"
all_but_pc="$all_but_pc,PARALLELFOR_CPU,PARALLELFOR_CPU_RANGE,PARALLELFOR_IO"
jmh "A-jdk$v17" "$java17" TinyItemsBenchmark "${a_n[@]}" -jvmArgs "$speed" "${it_a[@]}" -prof gc \
  -p contender="$all_but_pc"
jmh "A-pc-jdk$v17" "$java17" TinyItemsBenchmark "${a_n[@]}" -jvmArgs "$speed" -prof gc \
  -p contender=PARALLEL_COLLECTORS "${it_slow[@]}"
# B: medium items, speedup.
jmh "B-jdk$v17" "$java17" MediumItemsBenchmark "${b_n[@]}" -jvmArgs "$speed" "${it_b[@]}"
# C: blocking items. The for loop is computed, not run; contenders that need tens of seconds
# (two threads for 1,000 × 100 ms) get one cold call.
jmh "C-jdk$v17" "$java17" BlockingItemsBenchmark "${c_n[@]}" -jvmArgs "$speed" \
  -p contender="$all_fast" "${it_c[@]}"
jmh "C-slow-jdk$v17" "$java17" BlockingItemsBenchmark "${c_n[@]}" -jvmArgs "$speed" \
  -p contender=PARALLEL_STREAM,PARALLELFOR_CPU "${it_cold[@]}"
if [[ -n "$java25" ]]; then
  v25=$(jdk_of "$java25")
  jmh "C-jdk$v25" "$java25" BlockingItemsBenchmark "${c25_n[@]}" -jvmArgs "$speed" \
    -p contender="$all_fast" "${it_c[@]}"
  jmh "C-10k-jdk$v25" "$java25" BlockingItemsBenchmark "${c10k_n[@]}" -jvmArgs "$speed" \
    -p contender="$all_fast" "${it_c10k[@]}"
else
  echo "== no JDK 25 found (set JAVA25_HOME): skipping workload C on JDK 25"
fi
# D: memory. 1,000,000 items into a list, then 10,000,000 lazy items in a 64 MB heap.
jmh "D-list-jdk$v17" "$java17" TinyItemsBenchmark "${a_n[@]}" -jvmArgs "$list_mem" "${it_d[@]}" \
  -prof gc -prof "$peak" -p contender="$all_but_pc"
jmh "D-list-pc-jdk$v17" "$java17" TinyItemsBenchmark "${a_n[@]}" -jvmArgs "$list_mem" \
  -prof gc -prof "$peak" -p contender=PARALLEL_COLLECTORS "${it_slow[@]}"
jmh "D-lazy-jdk$v17" "$java17" LazyItemsBenchmark "${lazy_n[@]}" -jvmArgs "$lazy_mem" "${it_d[@]}" \
  -prof gc -prof "$peak" -to 90s

{
  echo "load average after the suite: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  echo "suite time: $(( $(date +%s) - started )) s"
} >> "$out/environment.txt"
"$java17" -cp "$jar" dev.parallelfor.benchmarks.ResultsReport "$out"
echo "== done in $(( $(date +%s) - started )) s: $out/results.md"
