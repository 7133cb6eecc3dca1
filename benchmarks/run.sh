#!/usr/bin/env bash
# Builds the benchmarks and runs the suite: about 10 minutes on 2 cores.
# Writes benchmarks/results/: one JMH JSON (and console log) per run, results.md (tables of ratios
# to the for loop, targets, machine, JVM settings), summary.md (the table of docs/performance.md), ratios.svg
# and environment.txt.
#
#   bash benchmarks/run.sh          the whole suite: workloads A, B, D, then C
#   bash benchmarks/run.sh A B      only these workloads, keeping the others' earlier results
#   bash benchmarks/run.sh J        what a flight recording costs: workload A's ParallelFor
#                                   contenders with no recording, recording only ParallelFor's Run
#                                   events, and with the JDK's default recording (into
#                                   benchmarks/results/jfr/, not part of the tables); not in the
#                                   default suite
#   bash benchmarks/run.sh cold     the first call in a fresh JVM (not in the default suite): a
#                                   ~0.4 s SHA-256 job, 1,000,000 tiny items and two trivial
#                                   items (the fixed cost), each as a for loop, a parallel stream
#                                   and a CPU driver, one JVM per call, $COLD_LAUNCHES (default 7)
#                                   rounds interleaved; medians and min–max into cold-jdk17.md.
#                                   The same by hand ($COLD_JVM_ARGS: flags for every launched JVM;
#                                   $COLD_COMPARE: another build's jar, whose driver runs beside):
#                                   COLD_JVM_ARGS='-Xlog:startuptime' java -cp \
#                                     benchmarks/target/benchmarks.jar \
#                                     dev.parallelfor.benchmarks.ColdStart 7 java cold.md
#   QUICK=1 bash benchmarks/run.sh  a quick check of the pipeline with few items and no warm-up,
#                                   into benchmarks/target/quick-results/ (not for numbers)
#
# JDK 17 is the `java` on the PATH (or $JAVA_HOME's). Workload C also runs on JDK 25 when
# $JAVA25_HOME points at one (or one is installed under /usr/lib/jvm); otherwise that part is
# skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
phases=("$@")
if (( ${#phases[@]} == 0 )); then phases=(A B D C); fi
wanted() { [[ " ${phases[*]} " == *" $1 "* ]]; }

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
jdk_of() { "$1" -XshowSettings:properties -version 2>&1 | awk '/java.specification.version/ {print $3}'; }
v17=$(jdk_of "$java17")

echo "== building the benchmarks jar"
mvn -B -q -DskipTests -pl benchmarks -am package
jar=benchmarks/target/benchmarks.jar

# Iterations: one fork each, as short as the 10-minute budget on 2 cores asks, but at least four
# measurements where the time allows: with fewer, JMH's 99.9% error (Student's t) is too wide
# to compare anything.
it_a=(-wi 4 -w 500ms -i 5 -r 500ms)  # the loop's first C2 code is replaced once: 2 s warm-up
it_b=(-wi 2 -w 1s -i 6 -r 1s)  # 2 runs of 50 µs items an iteration: 6 for a steady median
it_c=(-wi 1 -w 1s -i 5 -r 500ms)
it_d=(-wi 1 -w 1s -i 3 -r 1s)
it_j=("${it_a[@]}")
it_cold=(-bm ss -wi 0 -i 1)  # contenders that need tens of seconds: one cold call
it_slow=(-bm ss -wi 1 -i 1)  # contenders that need seconds a run: one warm call
a_n=(); b_n=(); c_n=(); c25_n=(-p n=1000); c10k_n=(-p n=10000); lazy_n=()
scale_n=(-p n=1000000,3000000,10000000)
out=benchmarks/results
if [[ "${QUICK:-}" == 1 ]]; then
  out=benchmarks/target/quick-results
  it_a=(-wi 0 -i 1 -r 200ms); it_b=("${it_a[@]}"); it_c=("${it_a[@]}"); it_d=("${it_a[@]}")
  it_j=("${it_a[@]}")
  it_slow=("${it_cold[@]}")
  a_n=(-p n=100000); b_n=(-p n=1000); c_n=(-p n=50); c25_n=(-p n=50); c10k_n=(-p n=200)
  lazy_n=(-p n=1000000); scale_n=(-p n=100000,300000)
fi
mkdir -p "$out"
rm -f "$out"/results.md "$out"/summary.md "$out"/ratios.svg
if (( $# == 0 )); then rm -f "$out"/environment.txt; fi
for phase in "${phases[@]}"; do rm -f "$out/$phase"-*.json "$out/$phase"-*.log; done

# The same flags for every contender of a workload. Speed runs: a fixed 1 GB heap, pre-touched,
# G1 with 16 MB regions so that a 1,000,000-element result array (4 MB) is an ordinary young
# allocation for every contender, not a humongous one.
speed="-Xms1g -Xmx1g -XX:+UseG1GC -XX:G1HeapRegionSize=16m -XX:+AlwaysPreTouch"
# Memory runs: a fixed heap with a small fixed young generation, so that GCs (where the peak heap
# profiler looks) are frequent; the lazy run stops a fork at its first OutOfMemoryError.
list_mem="-Xms512m -Xmx512m -Xmn64m -XX:+UseG1GC -XX:G1HeapRegionSize=16m"
lazy_mem="-Xms64m -Xmx64m -Xmn16m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"
peak=dev.parallelfor.benchmarks.PeakHeapProfiler
load=dev.parallelfor.benchmarks.MachineLoadProfiler  # what other processes used, per iteration

{
  echo "load average before the suite: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  echo "cores: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
  echo "jdk $v17: $("$java17" -version 2>&1 | head -2 | tr '\n' ' ')"
  if [[ -n "$java25" ]]; then echo "jdk: $("$java25" -version 2>&1 | head -2 | tr '\n' ' ')"; fi
  echo "workloads run on $(date -u '+%Y-%m-%d %H:%M UTC'): ${phases[*]}"
} >> "$out/environment.txt"

# The machine may be shared: before each run, wait (up to $QUIET_WAIT s, default 10) for other
# processes to use less than a quarter of the CPUs, and record what they used.
busy_percent() {  # percent of all CPU time used over the next second
  local a b total=0 idle i
  read -r -a a < /proc/stat
  sleep 1
  read -r -a b < /proc/stat
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}
wait_quiet() {
  local name=$1 busy waited=0
  busy=$(busy_percent 2>/dev/null || echo 0)
  while (( busy > 25 && waited < ${QUIET_WAIT:-10} )); do
    busy=$(busy_percent 2>/dev/null || echo 0)
    waited=$((waited + 1))
  done
  echo "cpu used by other processes before $name: ${busy}% (waited ${waited} s)" \
    >> "$out/environment.txt"
}

# jmh NAME JAVA ARGS...: one JMH run, JSON to NAME.json and the console to NAME.log.
jmh() {
  local name=$1 java=$2
  shift 2
  echo "== $name"
  "$java" "${host_opts[@]}" -jar "$jar" "$@" -f 1 -gc true -prof "$load" -rf json -rff "$out/$name.json" \
    > "$out/$name.log" 2>&1 || echo "   (JMH exited with $?; see $out/$name.log)"
  scrub "$out/$name.json" "$out/$name.log"
  grep -E '^(Benchmark|[A-Za-z]+Benchmark\.[a-z]+ )' "$out/$name.log" || true
}
# Results are committed: keep where this machine keeps its JDKs and checkouts out of them (the
# JDK's version is in every result anyway).
scrub() {
  sed -i -E -e 's#[^ "(]*/bin/java#JAVA_HOME/bin/java#g' \
    -e 's#file:[^ )]*/benchmarks\.jar#benchmarks.jar#g' "$@" 2> /dev/null || true
}
quiet_jmh() { wait_quiet "$1"; jmh "$@"; }
host_opts=()

# parallel-collectors' per-item collector takes about 10 µs an item on 1,000,000 tiny items
# (seconds a run), so it gets single calls instead of timed iterations.
all_but_pc="FOR_LOOP,PARALLEL_STREAM,EXECUTOR_FUTURES,COMPLETABLE_FUTURES"
all_but_pc="$all_but_pc,PARALLEL_COLLECTORS_BATCHING,PARALLELFOR_CPU,PARALLELFOR_CPU_RANGE,PARALLELFOR_IO"
all_but_pc="$all_but_pc,PARALLEL_LOOP_CPU,PARALLEL_LOOP_CPU_RANGE,PARALLEL_LOOP_IO"
io_ready="EXECUTOR_FUTURES,COMPLETABLE_FUTURES,PARALLEL_COLLECTORS,PARALLEL_COLLECTORS_BATCHING"
io_ready="$io_ready,PARALLELFOR_IO"

if wanted A; then  # tiny items: ns/item and ratio to the loop
  quiet_jmh "A-jdk$v17" "$java17" TinyItemsBenchmark "${a_n[@]}" -jvmArgs "$speed" "${it_a[@]}" \
    -prof gc -p contender="$all_but_pc,PARALLELFOR_CPU_CHECKPOINT"
  quiet_jmh "A-pc-jdk$v17" "$java17" TinyItemsBenchmark "${a_n[@]}" -jvmArgs "$speed" \
    "${it_slow[@]}" -prof gc -p contender=PARALLEL_COLLECTORS
fi
if wanted B; then  # medium items: speedup
  quiet_jmh "B-jdk$v17" "$java17" MediumItemsBenchmark "${b_n[@]}" -jvmArgs "$speed" "${it_b[@]}"
fi
if wanted D; then  # memory: 1,000,000 items into a list; 10,000,000 lazy items in 64 MB
  quiet_jmh "D-list-jdk$v17" "$java17" TinyItemsBenchmark "${a_n[@]}" -jvmArgs "$list_mem" \
    "${it_d[@]}" -prof gc -prof "$peak" -p contender="$all_but_pc"
  quiet_jmh "D-list-pc-jdk$v17" "$java17" TinyItemsBenchmark "${a_n[@]}" -jvmArgs "$list_mem" \
    "${it_cold[@]}" -prof gc -prof "$peak" -p contender=PARALLEL_COLLECTORS
  quiet_jmh "D-lazy-jdk$v17" "$java17" LazyItemsBenchmark "${lazy_n[@]}" -jvmArgs "$lazy_mem" \
    "${it_d[@]}" -prof gc -prof "$peak" -to 90s
  # Whether the streaming drivers' look-ahead grows with the input: their peak heap at three
  # sizes, in a heap large enough for every size.
  quiet_jmh "D-scale-jdk$v17" "$java17" LazyItemsBenchmark "${scale_n[@]}" \
    -jvmArgs "-Xms2g -Xmx2g -Xmn16m -XX:+UseG1GC" "${it_cold[@]}" -prof "$peak" \
    -p contender=PARALLELFOR_CPU,PARALLELFOR_IO
fi
if wanted cold; then  # the first call in a fresh JVM, one JVM per call
  wait_quiet "cold"
  echo "== cold-jdk$v17"
  "$java17" -cp "$jar" dev.parallelfor.benchmarks.ColdStart "${COLD_LAUNCHES:-7}" "$java17" \
    "$out/cold-jdk$v17.md"
fi
if wanted J; then  # the cost of JFR: workload A without a recording, and with one
  # One JMH run per recording, each fork dumping its recording into a folder of that name.
  jfr_dir="$out/jfr"
  rm -rf "$jfr_dir"
  mkdir -p "$jfr_dir/runs" "$jfr_dir/default"
  ours="PARALLELFOR_CPU,PARALLELFOR_CPU_RANGE,PARALLEL_LOOP_CPU"
  runs_only="settings=$PWD/benchmarks/jfr/parallelfor-runs.jfc"
  for recording in none runs default; do
    case $recording in
      none) jfr_args=() ;;
      runs) jfr_args=(-jvmArgsAppend "-XX:StartFlightRecording=$runs_only,filename=$jfr_dir/runs") ;;
      default)
        jfr_args=(-jvmArgsAppend "-XX:StartFlightRecording=settings=default,filename=$jfr_dir/default")
        ;;
    esac
    wait_quiet "J-$recording"
    out="$jfr_dir" jmh "J-$recording-jdk$v17" "$java17" TinyItemsBenchmark "${a_n[@]}" \
      -jvmArgs "$speed" "${jfr_args[@]}" "${it_j[@]}" -p contender="$ours"
  done
  jfr_tool="$(dirname "$(command -v "$java17")")/jfr"
  for f in "$jfr_dir"/*/*.jfr; do
    [[ -f "$f" ]] || continue
    echo "   $f: $("$jfr_tool" summary "$f" | awk '$1 == "dev.parallelfor.Run" {print $2}') Run events"
  done
fi
if wanted C; then
  # Blocking items: the for loop is computed (n × 100 ms), not run. The items sleep, so the
  # runs hardly use the CPU: the two contenders that need 50 s (two threads for 1,000 × 100 ms)
  # get one cold call each in the background while the others are measured.
  wait_quiet "C"
  host_opts=(-Djmh.ignoreLock=true)  # JMH refuses concurrent runs unless told they are meant
  jmh "C-slow-ps-jdk$v17" "$java17" BlockingItemsBenchmark "${c_n[@]}" -jvmArgs "$speed" \
    "${it_cold[@]}" -p contender=PARALLEL_STREAM > /dev/null &
  slow_ps=$!
  jmh "C-slow-cpu-jdk$v17" "$java17" BlockingItemsBenchmark "${c_n[@]}" -jvmArgs "$speed" \
    "${it_cold[@]}" -p contender=PARALLELFOR_CPU > /dev/null &
  slow_cpu=$!
  jmh "C-jdk$v17" "$java17" BlockingItemsBenchmark "${c_n[@]}" -jvmArgs "$speed" \
    "${it_c[@]}" -p contender="$io_ready"
  if [[ -n "$java25" ]]; then
    v25=$(jdk_of "$java25")
    jmh "C-jdk$v25" "$java25" BlockingItemsBenchmark "${c25_n[@]}" -jvmArgs "$speed" \
      "${it_c[@]}" -p contender="$io_ready"
    jmh "C-10k-jdk$v25" "$java25" BlockingItemsBenchmark "${c10k_n[@]}" -jvmArgs "$speed" \
      "${it_slow[@]}" -p contender="$io_ready"
  else
    echo "== no JDK 25 found (set JAVA25_HOME): skipping workload C on JDK 25"
  fi
  wait "$slow_ps" "$slow_cpu"
  grep -hE '^[A-Za-z]+Benchmark\.[a-z]+ ' "$out/C-slow-ps-jdk$v17.log" \
    "$out/C-slow-cpu-jdk$v17.log" || true
fi

{
  echo "load average after the suite: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  echo "suite time: $(( $(date +%s) - started )) s"
} >> "$out/environment.txt"
"$java17" -cp "$jar" dev.parallelfor.benchmarks.ResultsReport "$out"
echo "== done in $(( $(date +%s) - started )) s: $out/results.md"
