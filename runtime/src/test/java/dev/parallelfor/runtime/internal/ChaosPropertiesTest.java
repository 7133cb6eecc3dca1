package dev.parallelfor.runtime.internal;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ContextPropagator;
import dev.parallelfor.runtime.Ending;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.PerWorkerFunction;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.RetryPolicy;
import dev.parallelfor.runtime.WorkerScope;
import dev.parallelfor.runtime.spi.Cluster;
import dev.parallelfor.runtime.spi.ClusterChunk;
import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.statistics.Statistics;

/**
 * A chaos property for the runtime: every try builds a random scenario, runs it on a separate
 * caller thread, and checks the promises of the design that must hold whatever happens.
 *
 * <p>What a try draws, for the top call and for each level of nesting (up to two deep):
 *
 * <ul>
 *   <li>the execution form ({@code run}, {@code runAll}, {@code runAsync} joined or cancelled,
 *       {@code stream} read fully or closed early, {@code runRange}), the input's shape, the mode
 *       and parallelism, a deadline from 1 ns to ~292 years, listener calls that throw, caller
 *       interrupts;
 *   <li>the executor: the shared pools, a caller's fixed pool of 1 thread to the parallelism (8 at
 *       most), one that rejects, one that throws after a few tasks, one shut down mid-run, a direct
 *       executor, or (nested) the level above's;
 *   <li>the items ({@link Scenario#items}): values, spins, checked exceptions, errors, blocks until
 *       stopped, nested calls, flaky items that fail their first attempts with a listed or an
 *       unlisted type (a {@code SocketTimeoutException} among them), items that block on their
 *       first attempt until the item timeout, and items that join a side run;
 *   <li>a retry policy (none, one whose types match what flaky items throw, one that does not; with
 *       no backoff or a short one), an item timeout, a rate limit;
 *   <li>per-worker state ({@code loopPerWorker}'s {@link PerWorkerFunction} with {@link
 *       WorkerScope#local}) whose making returns, throws (also a {@code TimeoutException}), waits
 *       interruptibly or, rarely, ignoring interrupts for 3 ms; and whose {@code close()} returns,
 *       throws, waits, ignores interrupts, or hangs until the run's stop interrupts it (the caller
 *       is interrupted, or the future cancelled, once it hangs);
 *   <li>a context propagator that carries the caller's context, and whose wrapper of one worker
 *       task throws before or after running it, runs it on a thread of its own, or never runs it;
 *   <li>at the top, a side run ({@code runAsync} or {@code stream}, in a context of its own)
 *       started before the call, which items join or read to its end from inside the call;
 *   <li>a fake {@link Cluster} (a level on it draws no retry, item timeout, rate limit or worker
 *       state, which a run on a cluster refuses) whose members answer, freeze until the waiting
 *       worker is interrupted, pause, die after running part of a chunk (the chunk is sent again),
 *       answer for part of a chunk only, or throw.
 * </ul>
 *
 * <p>What every try checks:
 *
 * <ol>
 *   <li>the call returns or throws within a bound (a hang fails with the scenario and a dump of the
 *       runtime's and this test's threads);
 *   <li>the listener: {@code onFinish} exactly once and before the call returns, {@code onStart} at
 *       most once and before any {@code onProgress} or item, counts never go back, calls never
 *       overlap, final counts match a successful run;
 *   <li>no item starts after the call returned (nor after {@code onFinish}; on a cluster, whose
 *       members are asked to cancel without being waited for, an item may start as the cancel
 *       arrives), no item more often than its attempts allow (once without retries; any number of
 *       times only where a cluster member died under it);
 *   <li>a successful run has one result per item in input order, on a cluster too; {@code runAll}
 *       reports exactly the items that were made to fail; a flaky item succeeds exactly when the
 *       policy lists its type and has attempts left; a scenario that must succeed (or fail) does; a
 *       run whose worker state threw, or whose wrapper threw after a task that ran items, fails;
 *   <li>failures are a {@link ParallelForException} with a cause the scenario can explain, never
 *       anything else; only the run's own deadline ends a run as {@code TIMED_OUT} (not a {@code
 *       TimeoutException} of user code); the caller's interrupt flag is clear afterwards unless the
 *       scenario interrupted the caller (and then it is restored when the run reports it);
 *   <li>threads come back: private pools and the cluster's members terminate once shut down, a
 *       wrapper's own threads end, the shared pools end up with no busy thread;
 *   <li>a {@code Stream} input is closed exactly once, before the call returns;
 *   <li>every item runs in the context of the call that started its run, also when a thread of
 *       another run helps it (a join or a stream read from inside an item);
 *   <li>worker state: at most the parallelism of instances alive at once, each used by its own
 *       worker's thread only and never after its close, each closed exactly once, all of them
 *       before {@code onFinish} and before the call returns.
 * </ol>
 *
 * <p>Generated scenarios always end by design: an item that blocks (interruptibly, forever), a
 * member that freezes or a close that hangs is only generated when something in the scenario is
 * bound to stop the run: a short deadline, a cancel of {@code runAsync} or an interrupt of the
 * caller (not one that waits for a close to hang: a close comes only after its worker's items, so a
 * blocked item could keep it from ever coming), a result stream closed before any result is read,
 * the item timeout, or (fail-fast forms) an item that fails and comes before every blocking item in
 * input order (on a direct executor only with parallelism 1). With a direct executor, {@code
 * runAsync} and {@code stream} do their work before they return, so a cancel or a close cannot stop
 * their items.
 *
 * <p>The number of tries is small by default (150, a few seconds). Knobs, as system properties
 * given to Maven (Surefire passes them on to the tests):
 *
 * <ul>
 *   <li>{@code parallelfor.chaos.tries}: tries (default 150; when unset, {@code
 *       jqwik.tries.default} is honoured if given);
 *   <li>{@code parallelfor.chaos.seed}: replay a seed that jqwik printed; with {@code
 *       parallelfor.chaos.from=N} the tries before the N-th are drawn but not run, so {@code
 *       -Dparallelfor.chaos.tries=N -Dparallelfor.chaos.from=N} replays try N alone;
 *   <li>{@code parallelfor.chaos.keepGoing}: run every try, print each failing one, and fail at the
 *       end with the list; {@code parallelfor.chaos.stats}: count the tries that drew each feature;
 *   <li>{@code parallelfor.chaos.shrinking}: a {@link ShrinkingMode} (default {@code OFF}: a hang
 *       costs the whole bound per attempt, and leaves threads behind);
 *   <li>{@code parallelfor.chaos.bound.seconds}: the per-try bound (default 10);
 *   <li>{@code parallelfor.chaos.exclude}: comma-separated choices never to generate, to look past
 *       a known failure (by default everything is drawn): names of {@link Form}, {@link Exec},
 *       {@link Input}, {@link Deadline}, {@link Fault}, {@link Retry}, {@link Backoff}, {@link
 *       ItemTimeout}, {@link Rate}, {@link Supplying}, {@link Closing}, {@link Wrapping}, {@link
 *       Membership} or {@link SideRun} constants; a feature group of {@link #FEATURE_GROUPS};
 *       {@code INTERRUPT} (caller interrupts), {@code NESTING}, {@code SOCKET_TIMEOUT} (and only
 *       {@code SOCKET_TIMEOUT_ON_CLUSTER} or {@code SOCKET_TIMEOUT_RETRIED}), {@code USER_TIMEOUTS}
 *       (user code throws no {@code TimeoutException}), {@code SIDE_CONTEXT} (side runs carry no
 *       context), {@code STATE_IN_STREAMS}, {@code RATE_LIMIT_INLINE} (no rate limit on a direct
 *       executor or the level above's);
 *   <li>{@code parallelfor.chaos.only}: the feature groups to draw, all others off; with the
 *       exclusions, it narrows a failure down to the pair of features that makes it.
 * </ul>
 *
 * <p>A long run, from the repository root: {@code mvn -B -pl runtime -am test
 * -Dtest=ChaosPropertiesTest -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true
 * -Dparallelfor.chaos.tries=20000}. After a failure jqwik replays the failing seed first (its
 * database is {@code runtime/.jqwik-database}); add {@code
 * -Djqwik.failures.after.default=RANDOM_SEED} to explore instead.
 *
 * <p>Failures print the scenario, one line per level ({@code items} spells each item's behaviour,
 * then the level's features), then each broken promise as {@code [invariant] what <- which run}. A
 * try that hangs leaves its blocked threads behind (daemons) and releases the shared pools, so that
 * later tries, and other test classes of the same JVM, start from fresh pools.
 */
class ChaosPropertiesTest {
  private static final int DEFAULT_TRIES = 150;
  private static final long BOUND_NANOS =
      TimeUnit.SECONDS.toNanos(Long.getLong("parallelfor.chaos.bound.seconds", 10));
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final AtomicLong TRY_IDS = new AtomicLong();

  /** The groups of optional features, for {@code parallelfor.chaos.only} and for exclusion. */
  private static final List<String> FEATURE_GROUPS =
      List.of(
          "RETRY",
          "ITEM_TIMEOUT",
          "RATE_LIMIT",
          "WORKER_STATE",
          "CONTEXT",
          "SIDE",
          "CLUSTER",
          "POOL_SIZES",
          "FLAKY_ITEMS");

  private static final Set<String> EXCLUDED = excluded();

  // Listener faults are logged by the runtime when the run has no failure to attach them to; a few
  // thousand stack traces would hide the report, so the runtime's loggers are quiet meanwhile.
  private static final java.util.logging.Logger RUNTIME_LOGGER =
      java.util.logging.Logger.getLogger("dev.parallelfor");
  private java.util.logging.Level savedLevel;

  @BeforeProperty
  void quietRuntimeLogs() {
    savedLevel = RUNTIME_LOGGER.getLevel();
    RUNTIME_LOGGER.setLevel(java.util.logging.Level.OFF);
  }

  @AfterProperty
  void restoreRuntimeLogs() {
    RUNTIME_LOGGER.setLevel(savedLevel);
  }

  /** Tries of the current property run, counted from 1; and the failures kept when going on. */
  private static final AtomicInteger TRY_NUMBER = new AtomicInteger();

  private static final List<String> FAILED_TRIES = Collections.synchronizedList(new ArrayList<>());

  @BeforeProperty
  void countTriesFromOne() {
    TRY_NUMBER.set(0);
    FAILED_TRIES.clear();
  }

  @AfterProperty
  void failIfATryFailed() {
    if (!FAILED_TRIES.isEmpty()) {
      throw new AssertionError(
          FAILED_TRIES.size() + " tries failed:\n" + String.join("\n", FAILED_TRIES));
    }
  }

  @Property(shrinking = ShrinkingMode.OFF, generation = GenerationMode.RANDOMIZED)
  @AddLifecycleHook(ChaosSettings.class)
  void everyRunEndsAndKeepsItsPromises(@ForAll("scenarios") Scenario scenario) {
    int number = TRY_NUMBER.incrementAndGet();
    if (number < Integer.getInteger("parallelfor.chaos.from", 1)) {
      return; // drawn, to reach the same scenarios, but not run
    }
    if (Boolean.getBoolean("parallelfor.chaos.stats")) {
      collectStatistics(scenario);
    }
    if (Integer.getInteger("parallelfor.chaos.from", 1) > 1) {
      System.err.println("chaos: running try " + number + ": " + scenario);
    }
    List<String> problems = new ChaosTry(scenario).check();
    if (!problems.isEmpty()) {
      String text =
          "try "
              + number
              + ": scenario "
              + scenario
              + "\nbroken:\n  "
              + String.join("\n  ", problems);
      if (!Boolean.getBoolean("parallelfor.chaos.keepGoing")) {
        throw new AssertionError(text);
      }
      System.err.println("chaos: " + text);
      FAILED_TRIES.add("  try " + number + ": " + problems.get(0).lines().findFirst().orElse(""));
    }
  }

  /** How many tries drew each feature, at any level (printed by jqwik after the property). */
  private static void collectStatistics(Scenario top) {
    Set<String> drawn = new java.util.TreeSet<>();
    List<Scenario> levels = new ArrayList<>();
    levels.add(top);
    if (top.side() != null) {
      levels.add(top.side());
      drawn.add("side " + top.side().form());
    }
    for (int i = 0; i < levels.size(); i++) {
      Scenario s = levels.get(i);
      Features f = s.features();
      if (s.nested() != null) {
        levels.add(s.nested());
      }
      for (Enum<?> e :
          List.<Enum<?>>of(f.retry(), f.itemTimeout(), f.rate(), f.supplying(), f.wrapping())) {
        if (group(e) != null) {
          drawn.add(e.name());
        }
      }
      if (f.retry() != Retry.NO_RETRY) {
        drawn.add(f.backoff().name());
      }
      if (f.state()) {
        drawn.add(f.closing().name());
      }
      if (f.onCluster()) {
        drawn.add(f.cluster().name());
      }
      if (s.exec() == Exec.FIXED) {
        drawn.add("FIXED pool of " + s.threads());
      }
    }
    for (String feature : drawn) {
      Statistics.label("features").collect(feature);
    }
  }

  /** Tries, seed and shrinking from system properties (an annotation cannot read them). */
  public static final class ChaosSettings implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(
        PropertyLifecycleContext context, PropertyExecutor property) {
      PropertyAttributes attributes = context.attributes();
      String tries = System.getProperty("parallelfor.chaos.tries");
      if (tries != null && !tries.isBlank()) {
        attributes.setTries(Integer.parseInt(tries.trim()));
      } else if (System.getProperty("jqwik.tries.default") == null) {
        attributes.setTries(DEFAULT_TRIES);
      }
      String seed = System.getProperty("parallelfor.chaos.seed");
      if (seed != null && !seed.isBlank()) {
        attributes.setSeed(seed.trim());
      }
      String shrinking = System.getProperty("parallelfor.chaos.shrinking");
      if (shrinking != null && !shrinking.isBlank()) {
        attributes.setShrinking(ShrinkingMode.valueOf(shrinking.trim().toUpperCase(Locale.ROOT)));
      }
      return property.execute();
    }

    @Override
    public int aroundPropertyProximity() {
      return -100; // outermost, before the property's attributes are used
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The scenario and its generators

  enum Form {
    RUN,
    RUN_ALL,
    RUN_ASYNC,
    RUN_ASYNC_CANCEL,
    STREAM_FULL,
    STREAM_EARLY,
    RUN_RANGE;

    boolean failFast() {
      return this != RUN_ALL;
    }

    boolean async() {
      return this == RUN_ASYNC || this == RUN_ASYNC_CANCEL;
    }

    /** Every item is meant to be consumed (not a stream closed early, not a cancel). */
    boolean whole() {
      return this != STREAM_EARLY && this != RUN_ASYNC_CANCEL;
    }
  }

  enum Exec {
    /** No executor given: the mode's shared pool. */
    SHARED,
    /** A fixed pool of 1-3 threads, made for the try. */
    FIXED,
    /** Always throws {@link RejectedExecutionException}. */
    REJECTING,
    /** Accepts a few tasks (onto a fixed pool), then throws {@link IllegalStateException}. */
    THROWING,
    /** A fixed pool that is shut down when the first item of its level starts. */
    SHUTDOWN_MID_RUN,
    /** {@code Runnable::run}. */
    DIRECT,
    /** Nested levels only: the executor of the level above. */
    SAME
  }

  enum Input {
    LIST,
    COLLECTION,
    LAZY,
    STREAM_SIZED,
    STREAM_UNSIZED
  }

  enum Deadline {
    NONE(null),
    NS_1(Duration.ofNanos(1)),
    MS_1(Duration.ofMillis(1)),
    MS_50(Duration.ofMillis(50)),
    HUGE(Duration.ofSeconds(Long.MAX_VALUE));

    final Duration duration;

    Deadline(Duration duration) {
      this.duration = duration;
    }

    /** A deadline that will pass while a blocked item waits. */
    boolean stopsBlockedItems() {
      return this == NS_1 || this == MS_1 || this == MS_50;
    }
  }

  enum Fault {
    NONE,
    RUNTIME,
    ERROR
  }

  enum Trigger {
    IMMEDIATELY,
    FIRST_ITEM,
    /** When the first worker-state close has begun to hang ({@link Closing#CLOSE_HANGS}). */
    FIRST_CLOSE
  }

  enum Outcome {
    SUCCESS,
    FAILURE,
    UNKNOWN
  }

  // The optional features (retries, item timeouts, rate limits, worker state, context, cluster),
  // drawn for every level. Each constant's name (and each group's name, see
  // group()) can be given to parallelfor.chaos.exclude; parallelfor.chaos.only keeps just the
  // groups it names.

  /** The retry policy: none, one whose types match what flaky items throw, or one that does not. */
  enum Retry {
    NO_RETRY,
    RETRY_MATCHING,
    RETRY_OTHER
  }

  /** The retry policy's backoff: none, or 1 ms doubling up to 4 ms (the worker waits). */
  enum Backoff {
    BACKOFF_ZERO,
    BACKOFF_SHORT
  }

  enum ItemTimeout {
    NO_ITEM_TIMEOUT,
    /** {@link #ITEM_TIMEOUT_DURATION} per attempt. */
    ITEM_TIMEOUT
  }

  enum Rate {
    NO_RATE_LIMIT(0),
    RATE_FAST(20_000),
    RATE_SLOW(1_000);

    final int perSecond;

    Rate(int perSecond) {
      this.perSecond = perSecond;
    }
  }

  /** Per-worker state, and what making it does (the factory around {@code WorkerScope.local}). */
  enum Supplying {
    NO_STATE,
    SUPPLIER_RETURNS,
    /** The k-th factory call throws (a runtime exception, or a {@code TimeoutException}). */
    SUPPLIER_THROWS,
    /** Every supplier waits up to 2 ms, interruptibly; an interrupt is kept and it returns. */
    SUPPLIER_BLOCKS,
    /** The k-th supplier waits 3 ms ignoring interrupts (rarely drawn). */
    SUPPLIER_STUCK
  }

  /** What the worker state's {@code close()} does. */
  enum Closing {
    CLOSE_RETURNS,
    /** The k-th close throws (a runtime exception, or a {@code TimeoutException}). */
    CLOSE_THROWS,
    /** Every close waits up to 2 ms, interruptibly, and swallows an interrupt. */
    CLOSE_BLOCKS,
    /** The k-th close waits 3 ms ignoring interrupts (rarely drawn). */
    CLOSE_STUCK,
    /**
     * The first close blocks until interrupted; the caller is then interrupted, or the future
     * cancelled ({@link Trigger#FIRST_CLOSE}): stopping the run must interrupt it. Top level only.
     */
    CLOSE_HANGS
  }

  /** The context propagator: none, plain, or one whose k-th wrapped task misbehaves. */
  enum Wrapping {
    NO_CONTEXT,
    WRAP_PLAIN,
    WRAP_THROW_BEFORE,
    WRAP_THROW_AFTER,
    /** Runs the task on a new thread of its own and returns at once. */
    WRAP_ELSEWHERE,
    /** Returns without running the task. */
    WRAP_NEVER
  }

  /** A fake cluster for the level's chunks, and how one chunk send in three misbehaves. */
  enum Membership {
    NO_CLUSTER,
    CLUSTER_HEALTHY,
    /** The member never answers until the waiting worker is interrupted. */
    MEMBER_FREEZES,
    /** The member waits 1-3 ms (interruptibly) before running the chunk. */
    MEMBER_PAUSES,
    /** The member runs the chunk's first items, then is lost: the chunk is sent again. */
    MEMBER_DIES,
    /** The member answers for the chunk's first items only (it was shutting down). */
    MEMBER_CUTS,
    /** The cluster throws: it cannot run the chunk. */
    MEMBER_THROWS
  }

  /** Top level: another run, started before, that items ({@code j}) join or read. */
  enum SideRun {
    NO_SIDE,
    SIDE_JOIN,
    SIDE_STREAM
  }

  /** The group a drawn constant belongs to; null for the "feature off" constants. */
  static String group(Enum<?> constant) {
    if (constant instanceof Retry r) {
      return r == Retry.NO_RETRY ? null : "RETRY";
    }
    if (constant instanceof ItemTimeout t) {
      return t == ItemTimeout.NO_ITEM_TIMEOUT ? null : "ITEM_TIMEOUT";
    }
    if (constant instanceof Rate r) {
      return r == Rate.NO_RATE_LIMIT ? null : "RATE_LIMIT";
    }
    if (constant instanceof Supplying s) {
      return s == Supplying.NO_STATE ? null : "WORKER_STATE";
    }
    if (constant instanceof Wrapping w) {
      return w == Wrapping.NO_CONTEXT ? null : "CONTEXT";
    }
    if (constant instanceof Membership m) {
      return m == Membership.NO_CLUSTER ? null : "CLUSTER";
    }
    if (constant instanceof SideRun r) {
      return r == SideRun.NO_SIDE ? null : "SIDE";
    }
    return null;
  }

  static final Duration ITEM_TIMEOUT_DURATION = Duration.ofMillis(100);

  /**
   * What a level draws of the optional features.
   *
   * @param attempts the retry policy's attempts (2-3)
   * @param stateFaultAt which worker state (1-based, in order of making) the faulty supplier or
   *     close behaviour hits
   * @param wrapFaultAt which wrapped worker task the faulty wrapper behaviour hits
   * @param members the fake cluster's members, its parallelism
   */
  record Features(
      Retry retry,
      Backoff backoff,
      int attempts,
      ItemTimeout itemTimeout,
      Rate rate,
      Supplying supplying,
      Closing closing,
      int stateFaultAt,
      Wrapping wrapping,
      int wrapFaultAt,
      Membership cluster,
      int members) {

    boolean state() {
      return supplying != Supplying.NO_STATE;
    }

    boolean timesOut() {
      return itemTimeout == ItemTimeout.ITEM_TIMEOUT;
    }

    boolean onCluster() {
      return cluster != Membership.NO_CLUSTER;
    }

    /** Whether an item that fails its first attempts with a listed type succeeds on {@code n}. */
    boolean succeedsOnAttempt(int n) {
      return retry == Retry.RETRY_MATCHING && attempts >= n;
    }

    /** Whether worker state or a wrapper is drawn to fail the run. */
    boolean faulty() {
      return (state()
              && (supplying == Supplying.SUPPLIER_THROWS || closing == Closing.CLOSE_THROWS))
          || (wrapping != Wrapping.NO_CONTEXT && wrapping != Wrapping.WRAP_PLAIN)
          || cluster == Membership.MEMBER_THROWS;
    }

    String describe() {
      StringBuilder b = new StringBuilder();
      if (retry != Retry.NO_RETRY) {
        b.append(" ").append(retry).append("(").append(attempts).append(" attempts, ");
        b.append(backoff).append(')');
      }
      if (timesOut()) {
        b.append(" itemTimeout=").append(ITEM_TIMEOUT_DURATION.toMillis()).append("ms");
      }
      if (rate != Rate.NO_RATE_LIMIT) {
        b.append(" rateLimit=").append(rate.perSecond).append("/s");
      }
      if (state()) {
        b.append(" state=").append(supplying).append('+').append(closing);
        b.append("(k=").append(stateFaultAt).append(')');
      }
      if (wrapping != Wrapping.NO_CONTEXT) {
        b.append(" context=").append(wrapping).append("(k=").append(wrapFaultAt).append(')');
      }
      if (onCluster()) {
        b.append(" cluster=").append(cluster).append("(").append(members).append(" members)");
      }
      return b.toString();
    }
  }

  /**
   * One level of a scenario; {@code nested} is what every {@code 'n'} item runs.
   *
   * @param items one letter per item: {@code v} returns a value, {@code s} spins a few microseconds
   *     then returns, {@code c} throws a checked exception, {@code e} throws an {@code
   *     AssertionError}, {@code b} blocks interruptibly forever, {@code n} runs {@code nested};
   *     {@code f} throws a {@link FlakyException} on its first 1 or 2 attempts ({@code 1 + index %
   *     2}), {@code o} a {@code SocketTimeoutException} on its first (on every one on a cluster),
   *     {@code w} blocks on its first attempt until the item timeout, then returns; {@code j} joins
   *     (or reads to its end) the {@code side} run
   * @param early for {@code STREAM_EARLY}: results read before the stream is closed
   * @param trigger when the cancel (runAsync) or the caller's interrupt happens
   * @param faultMask which listener calls throw: 1 onStart, 2 onProgress, 4 onFinish
   * @param parallelism 0 for the mode's default
   */
  record Scenario(
      int depth,
      boolean top,
      Form form,
      int early,
      Trigger trigger,
      boolean interruptCaller,
      Mode mode,
      Exec exec,
      int threads,
      int accept,
      Input input,
      int n,
      long base,
      String items,
      Fault fault,
      int faultMask,
      Deadline deadline,
      int parallelism,
      Scenario nested,
      Features features,
      Scenario side) {

    int firstFailure() {
      for (int i = 0; i < items.length(); i++) {
        if (items.charAt(i) == 'c' || items.charAt(i) == 'e') {
          return i;
        }
      }
      return -1;
    }

    boolean cancels() {
      return form == Form.RUN_ASYNC_CANCEL;
    }

    long value(long index) {
      return base + index;
    }

    @Override
    public String toString() {
      return describe(1);
    }

    private String describe(int indent) {
      StringBuilder b = new StringBuilder();
      b.append(form);
      if (form == Form.STREAM_EARLY) {
        b.append("(close after ").append(early).append(')');
      }
      if (cancels()) {
        b.append("(cancel ").append(trigger).append(')');
      }
      if (interruptCaller) {
        b.append(" interruptCaller(").append(trigger).append(')');
      }
      b.append(" n=").append(n);
      b.append(form == Form.RUN_RANGE ? " range from " + base : " " + input + " from " + base);
      b.append(" mode=").append(mode);
      b.append(" par=").append(parallelism == 0 ? "default" : Integer.toString(parallelism));
      b.append(" exec=").append(exec);
      switch (exec) {
        case FIXED, SHUTDOWN_MID_RUN -> b.append('(').append(threads).append(" threads)");
        case THROWING ->
            b.append("(accepts ").append(accept).append(" on ").append(threads).append(" threads)");
        default -> {}
      }
      b.append(" deadline=").append(deadline);
      b.append(" listener=").append(fault);
      if (fault != Fault.NONE) {
        List<String> calls = new ArrayList<>();
        if ((faultMask & 1) != 0) {
          calls.add("onStart");
        }
        if ((faultMask & 2) != 0) {
          calls.add("onProgress");
        }
        if ((faultMask & 4) != 0) {
          calls.add("onFinish");
        }
        b.append(calls);
      }
      b.append(features.describe());
      b.append(" items=").append(items.isEmpty() ? "(none)" : items);
      if (side != null) {
        b.append("\n")
            .append("  ".repeat(indent))
            .append("side: ")
            .append(side.describe(indent + 1));
      }
      if (nested != null) {
        b.append("\n")
            .append("  ".repeat(indent))
            .append("nested: ")
            .append(nested.describe(indent + 1));
      }
      return b.toString();
    }
  }

  /** Where a level runs: the top call, a nested call, or the side run of the top call. */
  enum Role {
    TOP,
    NESTED,
    SIDE_JOIN,
    SIDE_STREAM;

    boolean side() {
      return this == SIDE_JOIN || this == SIDE_STREAM;
    }
  }

  /** What the generators draw; {@link #build} turns it into a scenario that can always end. */
  static final class Draft {
    Form form;
    int earlyPercent;
    Trigger trigger;
    boolean interruptCaller;
    Mode mode;
    Exec exec;
    int threads;
    int poolPick;
    int accept;
    Input input;
    int n;
    long base;
    long itemSeed;
    int failPercent;
    int errorPercent;
    int blockPercent;
    int spinPercent;
    int nestedPercent;
    int flakyPercent;
    int joinPercent;
    Fault fault;
    int faultMask;
    Deadline deadline;
    int parallelism;
    Optional<Scenario> nested = Optional.empty();
    Optional<Scenario> side = Optional.empty();
    Retry retry;
    Backoff backoff;
    int attempts;
    ItemTimeout itemTimeout;
    Rate rate;
    Supplying supplying;
    Closing closing;
    int stateFaultAt;
    Wrapping wrapping;
    int wrapFaultAt;
    Membership cluster;
    int members;

    Scenario build(int depth, Role role) {
      boolean top = role == Role.TOP;
      int early = n == 0 ? 0 : Math.min(n - 1, n * earlyPercent / 100);
      boolean interrupt =
          top
              && interruptCaller
              && !form.async()
              && exec != Exec.DIRECT; // a direct executor runs items on the caller itself
      // With a direct executor, runAsync and stream run the items before they return: the caller
      // gets no future to cancel, no stream to close, until every item is done.
      boolean cancelStops = top && form == Form.RUN_ASYNC_CANCEL && exec != Exec.DIRECT;
      boolean closeStops =
          form == Form.STREAM_EARLY
              && early == 0
              && exec != Exec.DIRECT
              && exec != Exec.SAME; // the level above may run on a direct executor
      // A run on a cluster refuses per-item options and per-worker state; its items run on the
      // members, where nested runs, joins and attempts counted per item mean something else.
      Membership clusterKind = cluster;
      Retry retryKind = retry;
      ItemTimeout timeoutKind = itemTimeout;
      Rate rateKind = rate;
      Supplying supplyingKind = supplying;
      Closing closingKind = closing;
      if (clusterKind != Membership.NO_CLUSTER) {
        retryKind = Retry.NO_RETRY;
        timeoutKind = ItemTimeout.NO_ITEM_TIMEOUT;
        rateKind = Rate.NO_RATE_LIMIT;
        supplyingKind = Supplying.NO_STATE;
      }
      if ((exec == Exec.DIRECT || exec == Exec.SAME) && EXCLUDED.contains("RATE_LIMIT_INLINE")) {
        rateKind = Rate.NO_RATE_LIMIT; // a worker that may run on another run's item thread
      }
      boolean streams = form == Form.STREAM_FULL || form == Form.STREAM_EARLY;
      if (streams && EXCLUDED.contains("STATE_IN_STREAMS")) {
        supplyingKind = Supplying.NO_STATE;
      }
      boolean onCluster = clusterKind != Membership.NO_CLUSTER;
      boolean timesOut = timeoutKind == ItemTimeout.ITEM_TIMEOUT;
      // An interrupt or cancel at the first item never comes if the first chunk's member freezes.
      boolean stopsFrozen =
          deadline.stopsBlockedItems()
              || closeStops
              || ((interrupt || cancelStops) && trigger == Trigger.IMMEDIATELY);
      if (clusterKind == Membership.MEMBER_FREEZES && !stopsFrozen) {
        clusterKind = Membership.MEMBER_PAUSES; // nothing would ever end the wait
      }
      if (supplyingKind == Supplying.NO_STATE) {
        closingKind = Closing.CLOSE_RETURNS;
      } else if (closingKind == Closing.CLOSE_HANGS && !(interrupt || cancelStops)) {
        closingKind = Closing.CLOSE_BLOCKS; // only a stop after it began could end it
      }
      Trigger when = closingKind == Closing.CLOSE_HANGS ? Trigger.FIRST_CLOSE : trigger;
      int par = parallelism > 0 ? parallelism : SharedPools.defaultParallelism(mode);
      int poolThreads =
          exec == Exec.FIXED && !EXCLUDED.contains("POOL_SIZES")
              ? 1 + (poolPick - 1) % Math.min(8, par) // 1 to the parallelism: where slots run out
              : threads;
      Scenario nestedLevel = onCluster ? null : nested.orElse(null);
      Scenario sideLevel = top ? side.orElse(null) : null;
      int nestedCap = top ? 8 : 4;
      SplittableRandom random = new SplittableRandom(itemSeed);
      char[] kinds = new char[n];
      int nestedCount = 0;
      int joinCount = 0;
      int slowFirstCount = 0;
      for (int i = 0; i < n; i++) {
        char kind;
        if (random.nextInt(100) < failPercent) {
          kind = random.nextInt(100) < errorPercent ? 'e' : 'c';
        } else if (random.nextInt(100) < flakyPercent) {
          int pick = random.nextInt(3);
          kind = pick == 0 || onCluster ? 'o' : pick == 1 ? 'f' : 'w';
          if (kind == 'w' && (!timesOut || slowFirstCount++ > 0)) {
            kind = 'f';
          }
          if (kind == 'o'
              && (EXCLUDED.contains("SOCKET_TIMEOUT")
                  || (onCluster && EXCLUDED.contains("SOCKET_TIMEOUT_ON_CLUSTER"))
                  || (!onCluster
                      && retryKind == Retry.RETRY_MATCHING
                      && EXCLUDED.contains("SOCKET_TIMEOUT_RETRIED")))) {
            kind = 'v';
          }
        } else if (random.nextInt(100) < blockPercent) {
          kind = 'b';
        } else if (nestedLevel != null
            && nestedCount < nestedCap
            && random.nextInt(100) < nestedPercent) {
          kind = 'n';
          nestedCount++;
        } else if (sideLevel != null && joinCount < 4 && random.nextInt(100) < joinPercent) {
          kind = 'j';
          joinCount++;
        } else if (random.nextInt(100) < spinPercent) {
          kind = 's';
        } else {
          kind = 'v';
        }
        kinds[i] = kind;
      }
      // A failing item that comes before a blocked one stops a fail-fast run only if it starts:
      // on a direct executor a worker may run a worker it spawns (and so a later item) first; only
      // parallelism 1 promises the order of a for loop there.
      boolean mayRunInline = exec == Exec.DIRECT || exec == Exec.SAME;
      boolean failureStops = form.failFast() && (!mayRunInline || parallelism == 1);
      int firstFailure = -1;
      for (int i = 0; i < n && firstFailure < 0; i++) {
        if (kinds[i] == 'c' || kinds[i] == 'e') {
          firstFailure = i;
        }
      }
      int timedBlocks = 0;
      for (int i = 0; i < n; i++) {
        if (kinds[i] != 'b') {
          continue;
        }
        boolean stopped =
            deadline.stopsBlockedItems()
                // a cancel or interrupt that waits for a close to hang comes only once a worker
                // has left its items: a blocked item may hold the only worker forever before that
                || ((cancelStops || interrupt) && when != Trigger.FIRST_CLOSE)
                // a result stream closed before anything is read; not "after item k": results
                // may come a chunk at a time, so a blocked item can hold back earlier results
                || closeStops
                || (failureStops && firstFailure >= 0 && firstFailure < i)
                // each attempt ends at the item timeout: one such item is plenty (each costs it)
                || (timesOut && timedBlocks++ == 0);
        if (!stopped) {
          kinds[i] = 'v'; // nothing would ever end it
        }
      }
      String items = new String(kinds);
      if (items.indexOf('n') < 0) {
        nestedLevel = null;
      }
      Features features =
          new Features(
              retryKind,
              backoff,
              attempts,
              timeoutKind,
              rateKind,
              supplyingKind,
              closingKind,
              stateFaultAt,
              role.side() && EXCLUDED.contains("SIDE_CONTEXT") ? Wrapping.NO_CONTEXT : wrapping,
              wrapFaultAt,
              clusterKind,
              members);
      return new Scenario(
          depth,
          top,
          role == Role.SIDE_JOIN
              ? Form.RUN_ASYNC
              : role == Role.SIDE_STREAM ? Form.STREAM_FULL : form,
          early,
          when,
          interrupt,
          mode,
          exec,
          poolThreads,
          accept,
          form == Form.RUN_RANGE ? Input.LIST : input,
          n,
          base,
          items,
          fault,
          fault == Fault.NONE ? 0 : faultMask,
          deadline,
          parallelism,
          nestedLevel,
          features,
          sideLevel);
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    int maxDepth = EXCLUDED.contains("NESTING") ? 0 : 2;
    return Arbitraries.integers().between(0, maxDepth).flatMap(depth -> level(depth, Role.TOP));
  }

  private static Set<String> excluded() {
    Set<String> names = new java.util.HashSet<>();
    for (String name : System.getProperty("parallelfor.chaos.exclude", "").split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim().toUpperCase(Locale.ROOT));
      }
    }
    String only = System.getProperty("parallelfor.chaos.only", "");
    if (!only.isBlank()) {
      Set<String> kept = new java.util.HashSet<>();
      for (String name : only.split(",")) {
        kept.add(name.trim().toUpperCase(Locale.ROOT));
      }
      for (String group : FEATURE_GROUPS) {
        if (!kept.contains(group)) {
          names.add(group);
        }
      }
    }
    return names;
  }

  private static boolean isExcluded(Enum<?> constant) {
    String group = group(constant);
    return EXCLUDED.contains(constant.name()) || (group != null && EXCLUDED.contains(group));
  }

  /** A weighted choice of enum constants, without the excluded ones. */
  private static <E extends Enum<E>> Arbitrary<E> choice(List<Tuple2<Integer, E>> choices) {
    List<Tuple2<Integer, E>> kept = new ArrayList<>();
    for (Tuple2<Integer, E> c : choices) {
      if (!isExcluded(c.get2())) {
        kept.add(c);
      }
    }
    return Arbitraries.frequency(kept);
  }

  private static Arbitrary<Scenario> level(int depth, Role role) {
    boolean top = role == Role.TOP;
    Arbitrary<Optional<Scenario>> nested =
        depth == 0
            ? Arbitraries.just(Optional.empty())
            : level(depth - 1, Role.NESTED).map(Optional::of);
    Arbitrary<Optional<Scenario>> side =
        !top
            ? Arbitraries.just(Optional.empty())
            : choice(
                    List.of(
                        Tuple.of(5, SideRun.NO_SIDE),
                        Tuple.of(1, SideRun.SIDE_JOIN),
                        Tuple.of(1, SideRun.SIDE_STREAM)))
                .flatMap(
                    kind ->
                        kind == SideRun.NO_SIDE
                            ? Arbitraries.just(Optional.<Scenario>empty())
                            : level(
                                    0,
                                    kind == SideRun.SIDE_JOIN ? Role.SIDE_JOIN : Role.SIDE_STREAM)
                                .map(Optional::of));
    Arbitrary<Form> form;
    if (role.side()) {
      form = Arbitraries.just(role == Role.SIDE_JOIN ? Form.RUN_ASYNC : Form.STREAM_FULL);
    } else {
      List<Tuple2<Integer, Form>> forms = new ArrayList<>();
      forms.add(Tuple.of(3, Form.RUN));
      forms.add(Tuple.of(2, Form.RUN_ALL));
      forms.add(Tuple.of(1, Form.RUN_ASYNC));
      forms.add(Tuple.of(2, Form.STREAM_FULL));
      forms.add(Tuple.of(2, Form.STREAM_EARLY));
      forms.add(Tuple.of(1, Form.RUN_RANGE));
      if (top) {
        forms.add(Tuple.of(2, Form.RUN_ASYNC_CANCEL));
      }
      form = choice(forms);
    }
    List<Tuple2<Integer, Exec>> executors = new ArrayList<>();
    executors.add(Tuple.of(4, Exec.SHARED));
    executors.add(Tuple.of(3, Exec.FIXED));
    executors.add(Tuple.of(1, Exec.REJECTING));
    executors.add(Tuple.of(1, Exec.THROWING));
    executors.add(Tuple.of(1, Exec.SHUTDOWN_MID_RUN));
    executors.add(Tuple.of(2, Exec.DIRECT));
    if (role == Role.NESTED) {
      executors.add(Tuple.of(3, Exec.SAME));
    }
    return Builders.withBuilder(Draft::new)
        .use(form)
        .inSetter((d, v) -> d.form = v)
        .use(Arbitraries.integers().between(0, 99))
        .inSetter((d, v) -> d.earlyPercent = v)
        .use(choice(List.of(Tuple.of(1, Trigger.IMMEDIATELY), Tuple.of(3, Trigger.FIRST_ITEM))))
        .inSetter((d, v) -> d.trigger = v)
        .use(
            EXCLUDED.contains("INTERRUPT")
                ? Arbitraries.just(false)
                : Arbitraries.frequency(List.of(Tuple.of(4, false), Tuple.of(1, true))))
        .inSetter((d, v) -> d.interruptCaller = v)
        .use(Arbitraries.of(List.of(Mode.CPU, Mode.IO)))
        .inSetter((d, v) -> d.mode = v)
        .use(choice(executors))
        .inSetter((d, v) -> d.exec = v)
        .use(Arbitraries.integers().between(1, 3))
        .inSetter((d, v) -> d.threads = v)
        .use(Arbitraries.integers().between(1, 8))
        .inSetter((d, v) -> d.poolPick = v)
        .use(Arbitraries.integers().between(0, 3))
        .inSetter((d, v) -> d.accept = v)
        .use(
            choice(
                List.of(
                    Tuple.of(3, Input.LIST),
                    Tuple.of(1, Input.COLLECTION),
                    Tuple.of(2, Input.LAZY),
                    Tuple.of(1, Input.STREAM_SIZED),
                    Tuple.of(1, Input.STREAM_UNSIZED))))
        .inSetter((d, v) -> d.input = v)
        .use(
            Arbitraries.integers()
                .between(0, top ? 200 : 20)
                .withDistribution(RandomDistribution.biased()))
        .inSetter((d, v) -> d.n = v)
        .use(Arbitraries.longs().between(-1000, 1000))
        .inSetter((d, v) -> d.base = v)
        .use(Arbitraries.longs())
        .inSetter((d, v) -> d.itemSeed = v)
        .use(weighted(5, 0, 2, 1, 2, 10, 1, 50))
        .inSetter((d, v) -> d.failPercent = v)
        .use(Arbitraries.of(List.of(0, 50, 100)))
        .inSetter((d, v) -> d.errorPercent = v)
        .use(weighted(4, 0, 2, 5, 2, 30, 1, 100))
        .inSetter((d, v) -> d.blockPercent = v)
        .use(weighted(3, 0, 2, 20, 1, 100, 0, 0))
        .inSetter((d, v) -> d.spinPercent = v)
        .use(weighted(1, 2, 2, 10, 1, 50, 0, 0))
        .inSetter((d, v) -> d.nestedPercent = v)
        .use(EXCLUDED.contains("FLAKY_ITEMS") ? Arbitraries.just(0) : weighted(3, 0, 2, 5, 1, 30))
        .inSetter((d, v) -> d.flakyPercent = v)
        .use(weighted(1, 5, 1, 30))
        .inSetter((d, v) -> d.joinPercent = v)
        .use(
            choice(
                List.of(
                    Tuple.of(3, Fault.NONE), Tuple.of(1, Fault.RUNTIME), Tuple.of(1, Fault.ERROR))))
        .inSetter((d, v) -> d.fault = v)
        .use(Arbitraries.integers().between(1, 7))
        .inSetter((d, v) -> d.faultMask = v)
        .use(
            choice(
                List.of(
                    Tuple.of(4, Deadline.NONE),
                    Tuple.of(1, Deadline.NS_1),
                    Tuple.of(1, Deadline.MS_1),
                    Tuple.of(1, Deadline.MS_50),
                    Tuple.of(1, Deadline.HUGE))))
        .inSetter((d, v) -> d.deadline = v)
        .use(weighted(2, 0, 2, 1, 1, 2, 1, 3, 1, 8))
        .inSetter((d, v) -> d.parallelism = v)
        .use(nested)
        .inSetter((d, v) -> d.nested = v)
        .use(side)
        .inSetter((d, v) -> d.side = v)
        .use(
            choice(
                List.of(
                    Tuple.of(4, Retry.NO_RETRY),
                    Tuple.of(2, Retry.RETRY_MATCHING),
                    Tuple.of(1, Retry.RETRY_OTHER))))
        .inSetter((d, v) -> d.retry = v)
        .use(choice(List.of(Tuple.of(1, Backoff.BACKOFF_ZERO), Tuple.of(1, Backoff.BACKOFF_SHORT))))
        .inSetter((d, v) -> d.backoff = v)
        .use(Arbitraries.integers().between(2, 3))
        .inSetter((d, v) -> d.attempts = v)
        .use(
            choice(
                List.of(
                    Tuple.of(5, ItemTimeout.NO_ITEM_TIMEOUT),
                    Tuple.of(1, ItemTimeout.ITEM_TIMEOUT))))
        .inSetter((d, v) -> d.itemTimeout = v)
        .use(
            choice(
                List.of(
                    Tuple.of(5, Rate.NO_RATE_LIMIT),
                    Tuple.of(1, Rate.RATE_FAST),
                    Tuple.of(1, Rate.RATE_SLOW))))
        .inSetter((d, v) -> d.rate = v)
        .use(
            choice(
                List.of(
                    Tuple.of(8, Supplying.NO_STATE),
                    Tuple.of(3, Supplying.SUPPLIER_RETURNS),
                    Tuple.of(1, Supplying.SUPPLIER_THROWS),
                    Tuple.of(1, Supplying.SUPPLIER_BLOCKS),
                    Tuple.of(1, Supplying.SUPPLIER_STUCK))))
        .inSetter((d, v) -> d.supplying = v)
        .use(
            choice(
                List.of(
                    Tuple.of(6, Closing.CLOSE_RETURNS),
                    Tuple.of(2, Closing.CLOSE_THROWS),
                    Tuple.of(2, Closing.CLOSE_BLOCKS),
                    Tuple.of(1, Closing.CLOSE_STUCK),
                    Tuple.of(2, Closing.CLOSE_HANGS))))
        .inSetter((d, v) -> d.closing = v)
        .use(Arbitraries.integers().between(1, 3))
        .inSetter((d, v) -> d.stateFaultAt = v)
        .use(
            choice(
                List.of(
                    Tuple.of(10, Wrapping.NO_CONTEXT),
                    Tuple.of(3, Wrapping.WRAP_PLAIN),
                    Tuple.of(1, Wrapping.WRAP_THROW_BEFORE),
                    Tuple.of(1, Wrapping.WRAP_THROW_AFTER),
                    Tuple.of(1, Wrapping.WRAP_ELSEWHERE),
                    Tuple.of(1, Wrapping.WRAP_NEVER))))
        .inSetter((d, v) -> d.wrapping = v)
        .use(Arbitraries.integers().between(1, 3))
        .inSetter((d, v) -> d.wrapFaultAt = v)
        .use(
            choice(
                List.of(
                    Tuple.of(12, Membership.NO_CLUSTER),
                    Tuple.of(1, Membership.CLUSTER_HEALTHY),
                    Tuple.of(1, Membership.MEMBER_FREEZES),
                    Tuple.of(1, Membership.MEMBER_PAUSES),
                    Tuple.of(1, Membership.MEMBER_DIES),
                    Tuple.of(1, Membership.MEMBER_CUTS),
                    Tuple.of(1, Membership.MEMBER_THROWS))))
        .inSetter((d, v) -> d.cluster = v)
        .use(Arbitraries.integers().between(1, 3))
        .inSetter((d, v) -> d.members = v)
        .build(d -> d.build(depth, role));
  }

  /** Integers by weight: {@code weight, value, weight, value, ...}; a zero weight is skipped. */
  private static Arbitrary<Integer> weighted(int... weightsAndValues) {
    List<Tuple2<Integer, Integer>> choices = new ArrayList<>();
    for (int i = 0; i < weightsAndValues.length; i += 2) {
      if (weightsAndValues[i] > 0) {
        choices.add(Tuple.of(weightsAndValues[i], weightsAndValues[i + 1]));
      }
    }
    return Arbitraries.frequency(choices);
  }

  // ---------------------------------------------------------------------------------------------
  // What items and listeners throw

  /** The checked exception of a {@code c} item. */
  static final class ItemException extends Exception {
    private static final long serialVersionUID = 1L;
    final long index;

    ItemException(long index) {
      super("chaos: item " + index + " fails");
      this.index = index;
    }
  }

  /** The error of an {@code e} item. */
  static final class ItemError extends AssertionError {
    private static final long serialVersionUID = 1L;
    final long index;

    ItemError(long index) {
      super("chaos: item " + index + " fails with an error");
      this.index = index;
    }
  }

  /** What a faulty listener throws (runtime flavour). */
  static final class ListenerFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFault(String call) {
      super("chaos: listener fault in " + call);
    }
  }

  /** What a faulty listener throws (error flavour). */
  static final class ListenerError extends AssertionError {
    private static final long serialVersionUID = 1L;

    ListenerError(String call) {
      super("chaos: listener error in " + call);
    }
  }

  /** What an {@code f} item throws on its first attempts: the retry policy may list it. */
  static final class FlakyException extends Exception {
    private static final long serialVersionUID = 1L;
    final long index;

    FlakyException(long index, int attempt) {
      super("chaos: item " + index + " fails its attempt " + attempt);
      this.index = index;
    }
  }

  /** What a faulty worker-state factory or close throws (runtime flavour). */
  static final class StateFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StateFault(String where) {
      super("chaos: worker state fault in " + where);
    }
  }

  /** What a faulty context wrapper throws (runtime flavour). */
  static final class ContextFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ContextFault(String where) {
      super("chaos: context wrapper fault " + where);
    }
  }

  /** What the fake cluster throws when it cannot run a chunk. */
  static final class ClusterFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClusterFault(String what) {
      super("chaos: " + what);
    }
  }

  /**
   * A {@code TimeoutException} of user code (worker state, a context wrapper): a failure, never the
   * run's own deadline.
   */
  static final class ChaosTimeout extends TimeoutException {
    private static final long serialVersionUID = 1L;

    ChaosTimeout(String where) {
      super("chaos: user code timed out in " + where);
    }
  }

  @SuppressWarnings("unchecked")
  private static <X extends Throwable> RuntimeException sneaky(Throwable t) throws X {
    throw (X) t;
  }

  /** Waits, ignoring interrupts (they are kept), for about {@code nanos}. */
  private static void stuck(long nanos) {
    long end = System.nanoTime() + nanos;
    boolean interrupted = false;
    while (System.nanoTime() < end) {
      LockSupport.parkNanos(end - System.nanoTime());
      interrupted |= Thread.interrupted();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether user code (state, wrappers) throws {@code TimeoutException}s too, half the time. */
  private static final boolean USER_TIMEOUTS = !EXCLUDED.contains("USER_TIMEOUTS");

  /** The context a propagator carries: the name of the call that started the run. */
  static final ThreadLocal<String> CONTEXT = new ThreadLocal<>();

  /** Items run on this thread, so that a wrapper can tell whether its task entered the run. */
  static final ThreadLocal<long[]> ITEMS_ON_THREAD = ThreadLocal.withInitial(() -> new long[1]);

  /** The calls a cluster's shipped function refers to, by id (the function must serialize). */
  static final Map<Long, Invocation> LIVE = new ConcurrentHashMap<>();

  private static final AtomicLong INVOCATION_IDS = new AtomicLong();

  /** A level's function on a cluster: serializable, it finds its call by id on the member. */
  record ClusterCall(long invocation) implements IndexedItemFunction<Object, Object>, Serializable {
    @Override
    public Object apply(long index, Object item) throws Exception {
      Invocation inv = LIVE.get(invocation);
      if (inv == null) {
        throw new IllegalStateException("chaos: an item of a call that is over");
      }
      return inv.owner.item(inv, index, (Long) item);
    }
  }

  /**
   * A cluster of pretend members in this JVM (threads of one cached pool). One chunk send in three
   * misbehaves as the level's {@link Membership} says. A member that dies is lost and the chunk is
   * sent again, as a real backend does, to a member that answers.
   */
  static final class ChaosCluster implements Cluster {
    private final Membership kind;
    private final int members;
    private final ExecutorService pool;
    private final SplittableRandom random;

    ChaosCluster(Membership kind, int members, ExecutorService pool, long seed) {
      this.kind = kind;
      this.members = members;
      this.pool = pool;
      this.random = new SplittableRandom(seed);
    }

    private synchronized int draw(int bound) {
      return bound <= 1 ? 0 : random.nextInt(bound);
    }

    @Override
    public int parallelism() {
      return members;
    }

    @Override
    public long targetChunkNanos() {
      return 500_000;
    }

    @Override
    public ClusterChunk.Result run(ClusterChunk chunk) throws InterruptedException {
      for (int send = 0; ; send++) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        // A chunk sent again goes to a member that stays (else a run could, rarely, fail).
        Membership now =
            kind != Membership.CLUSTER_HEALTHY && send == 0 && draw(3) == 0 ? kind : null;
        if (now == null) {
          return await(pool.submit(chunk::run), chunk);
        }
        switch (now) {
          case MEMBER_THROWS:
            throw new ClusterFault("the cluster cannot run a chunk");
          case MEMBER_FREEZES:
            await(
                pool.submit(
                    () -> {
                      new CountDownLatch(1).await(); // only the cancel ends it
                      return null;
                    }),
                chunk);
            throw new AssertionError("a frozen member answered");
          case MEMBER_PAUSES:
            {
              long pause = TimeUnit.MILLISECONDS.toNanos(1 + draw(3));
              return await(
                  pool.submit(
                      () -> {
                        TimeUnit.NANOSECONDS.sleep(pause);
                        return chunk.run();
                      }),
                  chunk);
            }
          case MEMBER_DIES:
            {
              int ran = draw(chunk.count());
              if (ran > 0) {
                ClusterChunk part = first(chunk, ran);
                await(pool.submit(part::run), part); // then the member is lost
              }
              continue;
            }
          case MEMBER_CUTS:
            {
              ClusterChunk part = first(chunk, draw(chunk.count()));
              return await(pool.submit(part::run), part);
            }
          default:
            throw new AssertionError(now);
        }
      }
    }

    private static ClusterChunk first(ClusterChunk chunk, int count) {
      Object[] items = chunk.items();
      return new ClusterChunk(
          chunk.firstIndex(),
          count,
          items == null ? null : Arrays.copyOf(items, count),
          chunk.function(),
          chunk.failFast());
    }

    /**
     * Waits for a member's answer; when the waiting worker is interrupted, cancels the chunk on its
     * member as a real backend does: {@link ClusterChunk#cancel()} first (it marks the chunk
     * cancelled, then interrupts its items), then the member's task, for a member that has not
     * started the chunk or is frozen.
     */
    private static <V> V await(Future<V> future, ClusterChunk sent) throws InterruptedException {
      try {
        return future.get();
      } catch (InterruptedException e) {
        sent.cancel();
        future.cancel(true);
        throw e;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new ClusterFault("a member failed: " + e.getCause());
      }
    }

    @Override
    public String toString() {
      return "ChaosCluster(" + kind + ", " + members + " members)";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One try

  /** The executor a level runs on, and whether it always takes work. */
  private static final class LevelExecutor {
    final Executor executor; // null: none given (shared pool)
    final boolean dependable;
    final ExecutorService shutDownOnFirstItem;
    final AtomicBoolean shutDown = new AtomicBoolean();

    LevelExecutor(Executor executor, boolean dependable, ExecutorService shutDownOnFirstItem) {
      this.executor = executor;
      this.dependable = dependable;
      this.shutDownOnFirstItem = shutDownOnFirstItem;
    }
  }

  /** Records one run's listener calls and notes every broken promise. */
  private static final class Recorder implements ProgressListener {
    private final Invocation run;
    private final AtomicBoolean inCall = new AtomicBoolean();
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    // Guarded by this.
    private int startCalls;
    private int progressCalls;
    private int finishCalls;
    private long total = Long.MIN_VALUE;
    private long lastCompleted = -1;
    private long lastFailed = -1;
    private Progress finish;
    private int startsAtFinish = -1;

    Recorder(Invocation run) {
      this.run = run;
    }

    @Override
    public void onStart(long total) {
      enter("onStart");
      try {
        synchronized (this) {
          startCalls++;
          if (startCalls > 1) {
            notes.add("[2] onStart called " + startCalls + " times");
          }
          if (progressCalls > 0 || finishCalls > 0) {
            notes.add("[2] onStart after onProgress/onFinish");
          }
          this.total = total;
        }
      } finally {
        leave();
      }
      fault(1, "onStart");
    }

    @Override
    public void onProgress(Progress p) {
      enter("onProgress");
      try {
        synchronized (this) {
          progressCalls++;
          if (startCalls == 0) {
            notes.add("[2] onProgress before onStart");
          }
          if (finishCalls > 0) {
            notes.add("[2] onProgress after onFinish: " + p);
          }
          counts("onProgress", p);
        }
        spin(5_000); // a listener that takes a moment makes overlapping calls visible
      } finally {
        leave();
      }
      fault(2, "onProgress");
    }

    @Override
    public void onFinish(Progress p, Ending ending) {
      run.ending = ending;
      run.openAtFinish = run.created.get() - run.closed.get();
      onFinish(p);
    }

    @Override
    public void onFinish(Progress p) {
      enter("onFinish");
      try {
        synchronized (this) {
          finishCalls++;
          if (finishCalls > 1) {
            notes.add("[2] onFinish called " + finishCalls + " times");
          }
          counts("onFinish", p);
          finish = p;
          startsAtFinish = run.starts.get();
        }
      } finally {
        leave();
      }
      fault(4, "onFinish");
    }

    private static void spin(long nanos) {
      long end = System.nanoTime() + nanos;
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
    }

    /** Under this: counts never go back and agree with the total. */
    private void counts(String call, Progress p) {
      if (p.completed() < lastCompleted || p.failed() < lastFailed) {
        notes.add(
            "[2] "
                + call
                + " counts went back: completed "
                + lastCompleted
                + " -> "
                + p.completed()
                + ", failed "
                + lastFailed
                + " -> "
                + p.failed());
      }
      lastCompleted = Math.max(lastCompleted, p.completed());
      lastFailed = Math.max(lastFailed, p.failed());
      if (startCalls > 0 && p.total() != total) {
        notes.add("[2] " + call + " total " + p.total() + " but onStart said " + total);
      }
      if (p.total() >= 0 && p.completed() > p.total()) {
        notes.add("[2] " + call + " completed " + p.completed() + " > total " + p.total());
      }
    }

    private void enter(String call) {
      if (!inCall.compareAndSet(false, true)) {
        notes.add("[2] " + call + " overlapped another listener call");
      }
    }

    private void leave() {
      inCall.set(false);
    }

    private void fault(int bit, String call) {
      Scenario s = run.level;
      if ((s.faultMask() & bit) == 0) {
        return;
      }
      if (s.fault() == Fault.RUNTIME) {
        throw new ListenerFault(call);
      }
      if (s.fault() == Fault.ERROR) {
        throw new ListenerError(call);
      }
    }

    synchronized int startCalls() {
      return startCalls;
    }

    synchronized int finishCalls() {
      return finishCalls;
    }
  }

  /** One worker's state for one call: checks it is used by its worker only, and closed once. */
  private static final class State implements AutoCloseable {
    final Invocation inv;
    final int number;
    final Thread owner = Thread.currentThread();
    final AtomicInteger closes = new AtomicInteger();

    State(Invocation inv, int number) {
      this.inv = inv;
      this.number = number;
    }

    void use(long index) {
      if (Thread.currentThread() != owner) {
        inv.notes.add(
            "[9] worker state "
                + number
                + " (made on "
                + owner.getName()
                + ") used for item "
                + index
                + " on "
                + Thread.currentThread().getName());
      }
      if (closes.get() > 0) {
        inv.notes.add("[9] worker state " + number + " used for item " + index + " after close");
      }
    }

    @Override
    public void close() throws TimeoutException {
      if (closes.incrementAndGet() > 1) {
        return; // counted; reported by the checks
      }
      Features f = inv.level.features();
      boolean faultHere = number == f.stateFaultAt();
      try {
        switch (f.closing()) {
          case CLOSE_THROWS:
            if (faultHere) {
              inv.stateFaults.incrementAndGet();
              if (number % 2 == 0 && USER_TIMEOUTS) {
                throw new ChaosTimeout("close");
              }
              throw new StateFault("close");
            }
            break;
          case CLOSE_BLOCKS:
            try {
              new CountDownLatch(1).await(2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              // swallowed, as many close methods do
            }
            break;
          case CLOSE_STUCK:
            if (faultHere) {
              stuck(TimeUnit.MILLISECONDS.toNanos(3));
            }
            break;
          case CLOSE_HANGS:
            if (inv.firstCloseClaimed.compareAndSet(false, true)) {
              inv.firstClose.countDown();
              try {
                new CountDownLatch(1).await(); // until the run's stop interrupts it
              } catch (InterruptedException e) {
                // the stop reached the close: done
              }
            }
            break;
          default:
            break;
        }
      } finally {
        inv.alive.decrementAndGet();
        inv.closed.incrementAndGet();
      }
    }

    @Override
    public String toString() {
      return "State#" + number;
    }
  }

  /** One call of the engine, top-level or nested, and what was seen of it. */
  private static final class Invocation {
    final Scenario level;
    final String name;
    final Recorder listener;
    final AtomicInteger starts = new AtomicInteger();
    final AtomicIntegerArray startsByIndex;
    final AtomicInteger inputCloses = new AtomicInteger();
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstItem = new CountDownLatch(1);
    final CountDownLatch published = new CountDownLatch(1);
    final AtomicReference<CompletableFuture<?>> future = new AtomicReference<>();

    volatile boolean returned;
    volatile Object result;
    volatile Throwable thrown;
    volatile int startsAtReturn;
    volatile boolean finishedAtReturn;
    volatile int closesAtReturn;
    volatile boolean cancelled;
    volatile boolean interruptDelivered;
    volatile boolean flagAfter;

    final long id = INVOCATION_IDS.incrementAndGet();
    final ChaosTry owner;
    volatile Ending ending;

    // Worker state: instances made, alive (made and not closed yet), the most alive at once.
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger alive = new AtomicInteger();
    final AtomicInteger maxAlive = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final List<State> states = Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean firstCloseClaimed = new AtomicBoolean();
    final CountDownLatch firstClose = new CountDownLatch(1);
    volatile int createdAtReturn;
    volatile int closedAtReturn;
    volatile int openAtFinish = -1;

    // Faults of worker state and context wrappers that fired; each must fail the run.
    final AtomicInteger stateFaults = new AtomicInteger();
    final AtomicInteger wrapped = new AtomicInteger();
    volatile String wrapFault;

    Invocation(ChaosTry owner, Scenario level, String name) {
      this.owner = owner;
      this.level = level;
      this.name = name;
      this.listener = new Recorder(this);
      this.startsByIndex = new AtomicIntegerArray(level.n());
    }
  }

  /** Everything one try creates, runs and checks. */
  private static final class ChaosTry {
    private final Scenario top;
    private final long id = TRY_IDS.incrementAndGet();
    private final List<ExecutorService> pools = Collections.synchronizedList(new ArrayList<>());
    private final Map<Scenario, LevelExecutor> executors = new IdentityHashMap<>();
    private final Queue<Invocation> invocations = new ConcurrentLinkedQueue<>();
    private final Set<Thread> itemThreads = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new ArrayList<>();
    private final Object callLock = new Object();
    private boolean inCall; // guarded by callLock
    private final Map<Scenario, ChaosCluster> clusters = new IdentityHashMap<>();
    private final List<Thread> elsewhere = Collections.synchronizedList(new ArrayList<>());

    // The side run: started by the caller before its call, joined or read by 'j' items.
    private final Invocation side;
    private final AtomicBoolean sideClaimed = new AtomicBoolean();
    private final CountDownLatch sideRead = new CountDownLatch(1);
    private volatile Stream<Object> sideStream;
    private volatile Iterator<Object> sideIterator;

    ChaosTry(Scenario top) {
      this.top = top;
      prepare(top, null);
      if (top.side() != null) {
        prepare(top.side(), null);
        side = new Invocation(this, top.side(), "side");
      } else {
        side = null;
      }
    }

    private void prepare(Scenario level, LevelExecutor above) {
      LevelExecutor mine =
          switch (level.exec()) {
            case SHARED -> new LevelExecutor(null, true, null);
            case FIXED -> new LevelExecutor(pool(level, "fixed"), true, null);
            case REJECTING ->
                new LevelExecutor(
                    new Executor() {
                      @Override
                      public void execute(Runnable task) {
                        throw new RejectedExecutionException("chaos: this executor rejects all");
                      }

                      @Override
                      public String toString() {
                        return "RejectingExecutor";
                      }
                    },
                    false,
                    null);
            case THROWING ->
                new LevelExecutor(
                    new ThrowingExecutor(pool(level, "throwing"), level.accept()), false, null);
            case SHUTDOWN_MID_RUN -> {
              ExecutorService pool = pool(level, "shutdown");
              yield new LevelExecutor(pool, false, pool);
            }
            case DIRECT -> new LevelExecutor(DirectExecutor.INSTANCE, true, null);
            case SAME -> new LevelExecutor(above.executor, above.dependable, null);
          };
      executors.put(level, mine);
      Features f = level.features();
      if (f.onCluster()) {
        AtomicInteger names = new AtomicInteger();
        String prefix = "chaos-member-try" + id + "-level" + (top.depth() - level.depth()) + "-";
        ExecutorService members =
            Executors.newCachedThreadPool(
                task -> {
                  Thread thread = new Thread(task, prefix + names.incrementAndGet());
                  thread.setDaemon(true);
                  return thread;
                });
        pools.add(members);
        clusters.put(
            level, new ChaosCluster(f.cluster(), f.members(), members, level.base() * 31 + id));
      }
      if (level.nested() != null) {
        prepare(level.nested(), mine);
      }
    }

    private ExecutorService pool(Scenario level, String what) {
      AtomicInteger names = new AtomicInteger();
      String prefix =
          "chaos-" + what + "-try" + id + "-level" + (top.depth() - level.depth()) + "-";
      ExecutorService pool =
          Executors.newFixedThreadPool(
              level.threads(),
              task -> {
                Thread thread = new Thread(task, prefix + names.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      pools.add(pool);
      return pool;
    }

    List<String> check() {
      try {
        return checkTry();
      } finally {
        for (Invocation invocation : invocations) {
          LIVE.remove(invocation.id);
        }
      }
    }

    private List<String> checkTry() {
      Invocation run = new Invocation(this, top, "run");
      invocations.add(run);
      if (side != null) {
        invocations.add(side);
      }
      List<Thread> helpers = new ArrayList<>();
      Thread caller = daemon("chaos-caller-" + id, () -> callAsCaller(run));
      if (top.cancels()) {
        helpers.add(daemon("chaos-canceller-" + id, () -> cancelLater(run)));
      }
      if (top.interruptCaller()) {
        helpers.add(daemon("chaos-interrupter-" + id, () -> interruptLater(run, caller)));
      }
      long deadline = System.nanoTime() + BOUND_NANOS;
      helpers.forEach(Thread::start);
      caller.start();
      if (!join(caller, deadline)) {
        problems.add(
            "[1] the call did not return within "
                + TimeUnit.NANOSECONDS.toSeconds(BOUND_NANOS)
                + " s\n"
                + threadDump());
        abandon();
        return problems;
      }
      for (Thread helper : helpers) {
        if (!join(helper, deadline)) {
          problems.add("[1] " + helper.getName() + " did not end\n" + threadDump());
        }
      }
      if (run.cancelled) {
        // A cancelled future completes at once; the run itself must still end within the bound.
        while (run.listener.finishCalls() == 0 && System.nanoTime() < deadline) {
          LockSupport.parkNanos(200_000);
        }
        if (run.listener.finishCalls() == 0) {
          problems.add(
              "[1] the cancelled run did not reach onFinish within the bound\n" + threadDump());
          abandon();
          return problems;
        }
      }
      if (side != null) {
        Thread finisher = daemon("chaos-side-" + id, this::finishSide);
        finisher.start();
        if (!join(finisher, deadline)) {
          problems.add("[1] the side run did not end within the bound\n" + threadDump());
          abandon();
          return problems;
        }
      }
      for (Thread thread : snapshot(elsewhere)) {
        if (!join(thread, System.nanoTime() + QUIET_NANOS)) {
          problems.add("[6] a task the context wrapper ran elsewhere did not end");
        }
      }
      boolean leaked = false;
      for (ExecutorService pool : pools) {
        pool.shutdown();
      }
      for (ExecutorService pool : pools) {
        if (!awaitTermination(pool)) {
          problems.add("[6] a private pool still runs a task after the call returned: " + pool);
          leaked = true;
        }
      }
      String busy = awaitSharedPoolsQuiet();
      if (busy != null) {
        problems.add("[6] the shared pools did not become quiet: " + busy);
        leaked = true;
      }
      if (leaked) {
        problems.add(threadDump());
        abandon();
      }
      for (Invocation invocation : invocations) {
        checkInvocation(invocation);
      }
      return problems;
    }

    private static Thread daemon(String name, Runnable body) {
      Thread thread = new Thread(body, name);
      thread.setDaemon(true);
      return thread;
    }

    private static boolean join(Thread thread, long deadline) {
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return !thread.isAlive();
    }

    private static boolean awaitTermination(ExecutorService pool) {
      try {
        return pool.awaitTermination(QUIET_NANOS, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** After a hang or a leak: free what can be freed so later tries start from clean pools. */
    private void abandon() {
      for (ExecutorService pool : pools) {
        pool.shutdownNow();
      }
      SharedPools.release();
    }

    private String awaitSharedPoolsQuiet() {
      long deadline = System.nanoTime() + QUIET_NANOS;
      while (true) {
        String busy = sharedPoolsBusy();
        if (busy == null || System.nanoTime() > deadline) {
          return busy;
        }
        LockSupport.parkNanos(200_000);
      }
    }

    /** Null when no shared pool thread is busy; else what is. */
    private String sharedPoolsBusy() {
      List<String> busy = new ArrayList<>();
      for (Mode mode : Mode.values()) {
        Executor shared = SharedPools.executor(mode);
        if (shared instanceof ElasticPool pool) {
          int threads = pool.threadCount();
          int idle = pool.idleCount();
          if (threads - idle != 0) {
            busy.add(mode + " pool threads=" + threads + " idle=" + idle);
          }
        } else {
          // Virtual threads (21+): one per task; those that ran items must have ended.
          long alive =
              itemThreads.stream()
                  .filter(t -> t.getName().startsWith("parallelfor-io-") && t.isAlive())
                  .count();
          if (alive > 0) {
            busy.add(mode + ": " + alive + " live parallelfor-io threads");
          }
        }
      }
      return busy.isEmpty() ? null : String.join(", ", busy);
    }

    // -------------------------------------------------------------------------------------------
    // Running

    private void callAsCaller(Invocation run) {
      if (side != null) {
        startSide();
      }
      synchronized (callLock) {
        inCall = true;
      }
      call(
          run,
          () -> {
            synchronized (callLock) {
              inCall = false;
              run.flagAfter = Thread.currentThread().isInterrupted();
            }
            Thread.interrupted();
            run.firstItem.countDown(); // wake the helpers whatever happened
            run.firstClose.countDown();
            run.published.countDown();
          });
    }

    private void cancelLater(Invocation run) {
      await(run.published);
      if (top.trigger() == Trigger.FIRST_ITEM) {
        await(run.firstItem);
      } else if (top.trigger() == Trigger.FIRST_CLOSE) {
        await(run.firstClose);
      }
      CompletableFuture<?> future = run.future.get();
      if (future != null) {
        run.cancelled = future.cancel(true);
      }
    }

    private void interruptLater(Invocation run, Thread caller) {
      if (top.trigger() == Trigger.FIRST_ITEM) {
        await(run.firstItem);
      } else if (top.trigger() == Trigger.FIRST_CLOSE) {
        await(run.firstClose);
      }
      while (true) {
        synchronized (callLock) {
          if (inCall) {
            run.interruptDelivered = true;
            caller.interrupt();
            return;
          }
          if (run.returned) {
            return;
          }
        }
        Thread.onSpinWait(); // the caller is about to enter the call
      }
    }

    private static void await(CountDownLatch latch) {
      try {
        latch.await(BOUND_NANOS, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Runs one invocation's form; {@code afterReturn} runs right after the engine returned. */
    private void call(Invocation inv, Runnable afterReturn) {
      Object result = null;
      Throwable thrown = null;
      String context = CONTEXT.get();
      CONTEXT.set(inv.name); // what a propagator of this call captures
      try {
        result = perform(inv);
      } catch (Throwable t) {
        thrown = t;
      } finally {
        CONTEXT.set(context);
      }
      inv.createdAtReturn = inv.created.get();
      inv.closedAtReturn = inv.closed.get();
      inv.startsAtReturn = inv.starts.get();
      inv.finishedAtReturn = inv.listener.finishCalls() > 0;
      inv.closesAtReturn = inv.inputCloses.get();
      afterReturn.run();
      inv.result = result;
      inv.thrown = thrown;
      inv.returned = true;
    }

    /** The options of one call: the level's executor, deadline and optional features. */
    private RunOptions options(Invocation inv) {
      Scenario s = inv.level;
      Features f = s.features();
      RunOptions options = RunOptions.of(s.mode(), 0).withListener(inv.listener);
      if (s.parallelism() > 0) {
        options = options.withParallelism(s.parallelism());
      }
      Executor executor = executors.get(s).executor;
      if (executor != null) {
        options = options.withExecutor(executor);
      }
      if (s.deadline().duration != null) {
        options = options.withTimeout(s.deadline().duration);
      }
      if (f.retry() != Retry.NO_RETRY) {
        RetryPolicy policy =
            f.retry() == Retry.RETRY_MATCHING
                ? RetryPolicy.on(FlakyException.class, IOException.class, TimeoutException.class)
                : RetryPolicy.on(
                    IllegalArgumentException.class, UnsupportedOperationException.class);
        policy =
            policy
                .attempts(f.attempts())
                .backoff(f.backoff() == Backoff.BACKOFF_ZERO ? Duration.ZERO : Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(4));
        options = options.withRetry(policy);
      }
      if (f.timesOut()) {
        options = options.withItemTimeout(ITEM_TIMEOUT_DURATION);
      }
      if (f.rate() != Rate.NO_RATE_LIMIT) {
        options = options.withRateLimit(f.rate().perSecond);
      }
      if (f.wrapping() != Wrapping.NO_CONTEXT) {
        options = options.withContext(propagator(inv));
      }
      if (f.onCluster()) {
        options = options.withCluster(clusters.get(s));
      }
      return options;
    }

    /** The level's function: plain, per worker, or shippable to a cluster. */
    private IndexedItemFunction<Object, Object> task(Invocation inv) {
      Features f = inv.level.features();
      if (f.onCluster()) {
        LIVE.put(inv.id, inv);
        return new ClusterCall(inv.id);
      }
      if (f.state()) {
        PerWorkerFunction<Object, Object> factory = scope -> forWorker(inv, scope);
        return PerWorkerCall.of(factory);
      }
      return (index, value) -> item(inv, index, (Long) value);
    }

    /** One worker's function: makes its state first, as the level's {@link Supplying} says. */
    private IndexedItemFunction<Object, Object> forWorker(Invocation inv, WorkerScope scope)
        throws Exception {
      Features f = inv.level.features();
      State state =
          scope.local(
              () -> {
                if (f.supplying() == Supplying.SUPPLIER_BLOCKS) {
                  try {
                    new CountDownLatch(1).await(2, TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // kept for the code that comes next
                  }
                }
                int number = inv.created.incrementAndGet();
                if (f.supplying() == Supplying.SUPPLIER_STUCK && number == f.stateFaultAt()) {
                  stuck(TimeUnit.MILLISECONDS.toNanos(3));
                }
                inv.maxAlive.accumulateAndGet(inv.alive.incrementAndGet(), Math::max);
                State made = new State(inv, number);
                inv.states.add(made);
                return made;
              });
      if (f.supplying() == Supplying.SUPPLIER_THROWS && state.number == f.stateFaultAt()) {
        inv.stateFaults.incrementAndGet();
        throw state.number % 2 == 0 && USER_TIMEOUTS
            ? new ChaosTimeout("the worker-state factory")
            : new StateFault("the worker-state factory");
      }
      return (index, value) -> {
        state.use(index);
        return item(inv, index, (Long) value);
      };
    }

    /**
     * Carries {@link #CONTEXT}; the wrapper of the k-th worker task misbehaves as the level's
     * {@link Wrapping} says.
     */
    private ContextPropagator propagator(Invocation inv) {
      Features f = inv.level.features();
      return () -> {
        String captured = CONTEXT.get();
        return task -> {
          int k = inv.wrapped.incrementAndGet();
          Wrapping how = k == f.wrapFaultAt() ? f.wrapping() : Wrapping.WRAP_PLAIN;
          return () -> wrap(inv, how, k, captured, task);
        };
      };
    }

    private void wrap(Invocation inv, Wrapping how, int k, String captured, Runnable task) {
      switch (how) {
        case WRAP_NEVER:
          inv.wrapFault = "returned without running its task";
          return;
        case WRAP_THROW_BEFORE:
          inv.wrapFault = "threw before its task";
          throw sneaky(
              k % 2 == 0 && USER_TIMEOUTS
                  ? new ChaosTimeout("a context wrapper")
                  : new ContextFault("before"));
        case WRAP_ELSEWHERE:
          {
            Thread thread =
                daemon("chaos-elsewhere-" + id + "-" + k, () -> inContext(captured, task));
            elsewhere.add(thread);
            thread.start();
            return;
          }
        case WRAP_THROW_AFTER:
          {
            long before = ITEMS_ON_THREAD.get()[0];
            inContext(captured, task);
            // A task that ran items entered the run: the run must report what follows.
            inv.wrapFault =
                ITEMS_ON_THREAD.get()[0] > before
                    ? "threw after its task, which ran items"
                    : "threw after its task";
            throw sneaky(
                k % 2 == 0 && USER_TIMEOUTS
                    ? new ChaosTimeout("a context wrapper")
                    : new ContextFault("after"));
          }
        default:
          inContext(captured, task);
      }
    }

    private static void inContext(String captured, Runnable task) {
      String previous = CONTEXT.get();
      CONTEXT.set(captured);
      try {
        task.run();
      } finally {
        CONTEXT.set(previous);
      }
    }

    /** The level's input: an iterable or a stream (counting its closes). */
    private Object input(Invocation inv) {
      Scenario s = inv.level;
      List<Long> values = new ArrayList<>();
      for (int i = 0; i < s.n(); i++) {
        values.add(s.value(i));
      }
      return switch (s.input()) {
        case LIST -> values;
        case COLLECTION -> new ArrayDeque<>(values);
        case LAZY -> (Iterable<Long>) values::iterator;
        case STREAM_SIZED -> values.stream().onClose(inv.inputCloses::incrementAndGet);
        case STREAM_UNSIZED ->
            values.stream().filter(x -> true).onClose(inv.inputCloses::incrementAndGet);
      };
    }

    private static Source source(Object input) {
      return input instanceof Stream<?> stream
          ? Engine.items(stream)
          : Engine.items((Iterable<?>) input);
    }

    private Object perform(Invocation inv) {
      Scenario s = inv.level;
      RunOptions options = options(inv);
      IndexedItemFunction<Object, Object> task = task(inv);
      if (s.form() == Form.RUN_RANGE) {
        if (s.features().onCluster() || s.features().state()) {
          return Engine.run(
              options,
              Engine.range(s.base(), s.base() + s.n(), false),
              Engine.boxedRangeCall(s.base(), false, task));
        }
        return Runs.runRange(
            options, s.base(), s.base() + s.n(), (index, value) -> item(inv, index, value));
      }
      Object input = input(inv);
      switch (s.form()) {
        case RUN:
          return Engine.run(options, source(input), task);
        case RUN_ALL:
          return Engine.runAll(options, source(input), task);
        case RUN_ASYNC:
        case RUN_ASYNC_CANCEL:
          {
            CompletableFuture<List<Object>> future = Engine.runAsync(options, source(input), task);
            inv.future.set(future);
            inv.published.countDown();
            return future.join();
          }
        case STREAM_FULL:
        case STREAM_EARLY:
          {
            try (Stream<Object> results = Engine.stream(options, source(input), task)) {
              if (s.form() == Form.STREAM_FULL) {
                return results.collect(Collectors.toList());
              }
              List<Object> read = new ArrayList<>();
              Iterator<Object> it = results.iterator();
              while (read.size() < s.early() && it.hasNext()) {
                read.add(it.next());
              }
              return read;
            }
          }
        default:
          throw new AssertionError(s.form());
      }
    }

    // -------------------------------------------------------------------------------------------
    // The side run

    /** On the caller, before its own call: starts the side run in the side's context. */
    private void startSide() {
      String context = CONTEXT.get();
      CONTEXT.set(side.name);
      try {
        Source source = source(input(side));
        if (side.level.form() == Form.RUN_ASYNC) {
          side.future.set(Engine.runAsync(options(side), source, task(side)));
        } else {
          Stream<Object> stream = Engine.stream(options(side), source, task(side));
          sideIterator = stream.iterator();
          sideStream = stream;
        }
      } catch (Throwable t) {
        side.thrown = t;
        sideClaimed.set(true);
        sideRead.countDown();
      } finally {
        CONTEXT.set(context);
      }
    }

    /** A {@code j} item: joins the side run, or reads its stream to the end if first to come. */
    private void joinSide() {
      if (side.level.form() == Form.RUN_ASYNC) {
        CompletableFuture<?> future = side.future.get();
        if (future != null) {
          try {
            future.join(); // its outcome is checked as the side's own
          } catch (CompletionException | CancellationException e) {
            // the side run's failure: checked at its level
          }
        }
        return;
      }
      readSide();
    }

    private void readSide() {
      if (!sideClaimed.compareAndSet(false, true)) {
        return;
      }
      try {
        List<Object> read = new ArrayList<>();
        Iterator<Object> it = sideIterator;
        while (it.hasNext()) {
          read.add(it.next());
        }
        side.result = read;
      } catch (Throwable t) {
        side.thrown = t;
      } finally {
        sideRead.countDown();
      }
    }

    /** After the call: ends the side run (reads or joins what no item did) and records it. */
    private void finishSide() {
      if (side.level.form() == Form.RUN_ASYNC) {
        CompletableFuture<?> future = side.future.get();
        if (future != null) {
          try {
            side.result = future.join();
          } catch (Throwable t) {
            side.thrown = t;
          }
        }
      } else {
        readSide();
        await(sideRead);
        Stream<Object> stream = sideStream;
        if (stream != null) {
          try {
            stream.close();
          } catch (Throwable t) {
            if (side.thrown == null) {
              side.thrown = t;
            }
          }
        }
      }
      side.createdAtReturn = side.created.get();
      side.closedAtReturn = side.closed.get();
      side.startsAtReturn = side.starts.get();
      side.finishedAtReturn = side.listener.finishCalls() > 0;
      side.closesAtReturn = side.inputCloses.get();
      side.returned = true;
    }

    /** The body of every item. */
    Long item(Invocation inv, long index, Long value) throws Exception {
      Scenario s = inv.level;
      Features f = s.features();
      inv.starts.incrementAndGet();
      ITEMS_ON_THREAD.get()[0]++;
      itemThreads.add(Thread.currentThread());
      if (index < 0 || index >= s.n()) {
        inv.notes.add("[4] an item was called with index " + index + " of " + s.n());
        throw new IllegalStateException("bad index " + index);
      }
      int attempt = inv.startsByIndex.incrementAndGet((int) index);
      if (attempt > maxStarts(s, (int) index)) {
        inv.notes.add("[3] item " + index + " started " + attempt + " times");
      }
      if (inv.listener.startCalls() == 0) {
        inv.notes.add("[2] item " + index + " started before onStart");
      }
      if (!Objects.equals(value, s.value(index))) {
        inv.notes.add("[4] item " + index + " was handed " + value + ", not " + s.value(index));
      }
      if (f.wrapping() != Wrapping.NO_CONTEXT && !f.onCluster()) {
        String context = CONTEXT.get();
        if (!inv.name.equals(context)) {
          inv.notes.add(
              "[8] item "
                  + index
                  + " ran in the context of \""
                  + context
                  + "\", not of its own run, on "
                  + Thread.currentThread().getName());
        }
      }
      LevelExecutor level = executors.get(s);
      if (level.shutDownOnFirstItem != null && level.shutDown.compareAndSet(false, true)) {
        level.shutDownOnFirstItem.shutdown();
      }
      inv.firstItem.countDown();
      switch (s.items().charAt((int) index)) {
        case 'v':
          return f(s.value(index));
        case 's':
          {
            Recorder.spin(1_000 + (index % 8) * 1_000);
            return f(s.value(index));
          }
        case 'c':
          throw new ItemException(index);
        case 'e':
          throw new ItemError(index);
        case 'b':
          new CountDownLatch(1).await(); // only an interrupt ends this
          throw new AssertionError("unreachable");
        case 'f':
          if (attempt <= 1 + index % 2) {
            throw new FlakyException(index, attempt);
          }
          return f(s.value(index));
        case 'o':
          if (attempt <= 1 || f.onCluster()) {
            throw new SocketTimeoutException("chaos: item " + index + " read timed out");
          }
          return f(s.value(index));
        case 'w':
          if (attempt <= 1) {
            new CountDownLatch(1).await(); // the item timeout ends this attempt
          }
          return f(s.value(index));
        case 'j':
          joinSide();
          return f(s.value(index));
        case 'n':
          {
            Invocation child = new Invocation(this, s.nested(), inv.name + " > item " + index);
            invocations.add(child);
            call(child, () -> {});
            Throwable thrown = child.thrown;
            if (thrown instanceof Exception e) {
              throw e;
            }
            if (thrown instanceof Error e) {
              throw e;
            }
            if (thrown != null) {
              throw new IllegalStateException(thrown);
            }
            return f(s.value(index));
          }
        default:
          throw new AssertionError(s.items());
      }
    }

    /** How often an item may start: once, or up to the attempts when retries may apply. */
    private static int maxStarts(Scenario s, int index) {
      Features f = s.features();
      if (f.cluster() == Membership.MEMBER_DIES) {
        return Integer.MAX_VALUE; // a lost member's items run again elsewhere
      }
      if (f.retry() != Retry.RETRY_MATCHING) {
        return 1;
      }
      char kind = s.items().charAt(index);
      boolean retried = "fowbn".indexOf(kind) >= 0 || f.timesOut();
      return retried ? f.attempts() : 1;
    }

    // -------------------------------------------------------------------------------------------
    // Expectations

    /** What a level must do when nothing outside it interferes. */
    private Outcome expected(Scenario s) {
      if (!executors.get(s).dependable
          || s.deadline().stopsBlockedItems()
          || s.cancels()
          || s.interruptCaller()
          || s.features().faulty()) {
        return Outcome.UNKNOWN;
      }
      if (s.form() == Form.RUN_ALL) {
        return Outcome.SUCCESS; // every item attempted, outcomes kept
      }
      boolean failure = false;
      boolean unknown = false;
      for (int i = 0; i < s.n(); i++) {
        if (s.form() == Form.STREAM_EARLY
            && i >= s.early()
            && s.items().charAt(i) == 'b'
            && !s.features().timesOut()) {
          continue; // cancelled by the close, never a failure (unless it timed out before)
        }
        switch (expectedItem(s, i)) {
          case FAILURE -> failure = true;
          case UNKNOWN -> unknown = true;
          default -> {}
        }
      }
      if (failure) {
        return s.form() == Form.STREAM_EARLY ? Outcome.UNKNOWN : Outcome.FAILURE;
      }
      return unknown ? Outcome.UNKNOWN : Outcome.SUCCESS;
    }

    private Outcome expectedItem(Scenario s, int index) {
      Features f = s.features();
      return switch (s.items().charAt(index)) {
        case 'v', 's', 'j' -> Outcome.SUCCESS;
        case 'c', 'e' -> Outcome.FAILURE;
        case 'f' -> f.succeedsOnAttempt(2 + index % 2) ? Outcome.SUCCESS : Outcome.FAILURE;
        case 'o' -> !f.onCluster() && f.succeedsOnAttempt(2) ? Outcome.SUCCESS : Outcome.FAILURE;
        case 'w' -> f.succeedsOnAttempt(2) ? Outcome.SUCCESS : Outcome.FAILURE;
        // a nested run may outlast the item timeout
        case 'n' -> f.timesOut() ? Outcome.UNKNOWN : expected(s.nested());
        default -> Outcome.UNKNOWN;
      };
    }

    private static long f(long value) {
      return value * 2 + 1;
    }

    // -------------------------------------------------------------------------------------------
    // Checks

    private void problem(Invocation inv, String text) {
      if (problems.size() < 40) {
        problems.add(text + "  <- " + inv.name + " [" + inv.level.form() + "]");
      } else if (problems.size() == 40) {
        problems.add("... (more)");
      }
    }

    private void checkInvocation(Invocation inv) {
      Scenario s = inv.level;
      for (String note : snapshot(inv.notes)) {
        problem(inv, note);
      }
      for (String note : snapshot(inv.listener.notes)) {
        problem(inv, note);
      }
      if (!inv.returned) {
        problem(inv, "[1] the call never returned");
        return;
      }
      Recorder listener = inv.listener;
      int finalStarts = inv.starts.get();
      Progress finish;
      int startCalls;
      int finishCalls;
      long total;
      int startsAtFinish;
      synchronized (listener) {
        finish = listener.finish;
        startCalls = listener.startCalls;
        finishCalls = listener.finishCalls;
        total = listener.total;
        startsAtFinish = listener.startsAtFinish;
      }
      boolean cancelled = inv.cancelled;

      // [2] the listener
      if (finishCalls != 1) {
        problem(inv, "[2] onFinish was called " + finishCalls + " times");
      } else if (!inv.finishedAtReturn && !cancelled) {
        problem(inv, "[2] onFinish was not called before the call returned");
      }
      if (startCalls == 1) {
        boolean totalOk =
            switch (s.form() == Form.RUN_RANGE ? Input.LIST : s.input()) {
              case LIST, COLLECTION -> total == s.n();
              case LAZY, STREAM_UNSIZED -> total == -1;
              case STREAM_SIZED -> total == s.n() || total == -1;
            };
        if (!totalOk) {
          problem(inv, "[2] onStart total " + total + " for " + s.n() + " items of " + s.input());
        }
      }
      if (finish != null) {
        if (finish.completed() > finalStarts) {
          problem(
              inv,
              "[2] onFinish completed=" + finish.completed() + " > items started " + finalStarts);
        }
      }

      // [3] no item after the call returned, nor after onFinish. On a cluster a stopped worker
      // asks the member to cancel its chunk without waiting for the answer (a member may not
      // answer at all): an item the member was about to start may still start.
      boolean remote = s.features().onCluster();
      if (!cancelled && !remote && finalStarts != inv.startsAtReturn) {
        problem(
            inv,
            "[3] "
                + (finalStarts - inv.startsAtReturn)
                + " item(s) started after the call returned ("
                + inv.startsAtReturn
                + " at return, "
                + finalStarts
                + " in the end)");
      }
      if (finishCalls >= 1 && !remote && startsAtFinish != finalStarts) {
        problem(inv, "[3] " + (finalStarts - startsAtFinish) + " item(s) started after onFinish");
      }

      // [7] a stream input is closed once
      if (s.form() != Form.RUN_RANGE
          && (s.input() == Input.STREAM_SIZED || s.input() == Input.STREAM_UNSIZED)) {
        int closes = inv.inputCloses.get();
        if (closes != 1) {
          problem(inv, "[7] the input stream was closed " + closes + " times");
        } else if (!cancelled && inv.closesAtReturn != 1) {
          problem(inv, "[7] the input stream was not closed when the call returned");
        }
      }

      // [9] worker state: at most the parallelism alive at once, each closed once, all by the end
      Features features = s.features();
      if (features.state()) {
        int parallelism =
            s.parallelism() > 0 ? s.parallelism() : SharedPools.defaultParallelism(s.mode());
        if (inv.maxAlive.get() > parallelism) {
          problem(
              inv,
              "[9] "
                  + inv.maxAlive.get()
                  + " worker-state instances alive at once at parallelism "
                  + parallelism);
        }
        for (State state : snapshot(inv.states)) {
          if (state.closes.get() != 1) {
            problem(inv, "[9] worker state " + state.number + " closed " + state.closes + " times");
            break;
          }
        }
        if (!cancelled && inv.closedAtReturn != inv.createdAtReturn) {
          problem(
              inv,
              "[9] "
                  + (inv.createdAtReturn - inv.closedAtReturn)
                  + " of "
                  + inv.createdAtReturn
                  + " worker-state instances not closed when the call returned");
        }
        if (inv.openAtFinish > 0) {
          problem(inv, "[9] " + inv.openAtFinish + " worker-state instances open at onFinish");
        }
      }
      // [5] only the run's own deadline is a timeout
      Ending ending = inv.ending;
      if (ending != null && ending.kind() == Ending.Kind.TIMED_OUT) {
        Throwable why = ending.failure().map(Throwable::getCause).orElse(null);
        if (why instanceof ChaosTimeout || !s.deadline().stopsBlockedItems()) {
          problem(
              inv,
              "[5] the run's ending is TIMED_OUT with deadline "
                  + s.deadline()
                  + ", for "
                  + ending.failure().map(ChaosPropertiesTest::describe).orElse("no failure"));
        }
      }
      // [4] a fault of worker state, or of a wrapper whose task ran items, fails the run
      String wrapFault = inv.wrapFault;
      boolean mustFail =
          inv.stateFaults.get() > 0 || (wrapFault != null && wrapFault.endsWith("which ran items"));
      if (mustFail
          && inv.thrown == null
          && (s.form() == Form.RUN
              || s.form() == Form.RUN_ALL
              || s.form() == Form.RUN_ASYNC
              || s.form() == Form.RUN_RANGE)) {
        problem(
            inv,
            "[4] returned normally although "
                + (inv.stateFaults.get() > 0
                    ? "its worker state threw"
                    : "its context wrapper " + wrapFault));
      }

      // [4] and [5] the outcome
      Outcome expected = expected(s);
      Throwable thrown = inv.thrown;
      ParallelForException failure = null;
      if (thrown == null) {
        if (expected == Outcome.FAILURE) {
          problem(inv, "[4] returned normally although item " + s.firstFailure() + " fails");
        }
        checkResults(inv, finish, finalStarts);
      } else {
        if (s.form().async()
            && thrown instanceof CompletionException
            && thrown.getCause() instanceof ParallelForException pfe) {
          failure = pfe;
        } else if (s.form().async() && thrown instanceof CancellationException) {
          if (!cancelled) {
            problem(inv, "[5] CancellationException although nothing cancelled the future");
          }
        } else if (!s.form().async() && thrown instanceof ParallelForException pfe) {
          failure = pfe;
        } else {
          problem(inv, "[5] escaped: " + describe(thrown));
        }
        // A nested run is cancelled (its caller interrupted) when the run above it stops.
        boolean disturbed = !s.top() && causedByInterrupt(thrown);
        if (expected == Outcome.SUCCESS && !disturbed) {
          problem(inv, "[4] must succeed but threw " + describe(thrown));
        }
        if (failure != null) {
          checkFailure(inv, failure, finish);
        }
      }
      if (s.top()) {
        if (!inv.interruptDelivered && inv.flagAfter) {
          problem(inv, "[5] the caller's interrupt flag was set after the call");
        }
        if (failure != null
            && failure.index() == -1
            && failure.getCause() instanceof InterruptedException
            && inv.interruptDelivered
            && !inv.flagAfter) {
          problem(inv, "[5] the run reported the caller's interrupt but did not restore the flag");
        }
      }
    }

    private void checkResults(Invocation inv, Progress finish, int finalStarts) {
      Scenario s = inv.level;
      int n = s.n();
      if (s.form() == Form.RUN_ALL) {
        checkRunAll(inv, finish);
        return;
      }
      if (!(inv.result instanceof List<?> list)) {
        problem(inv, "[4] the result is not a list: " + inv.result);
        return;
      }
      int wanted = s.form() == Form.STREAM_EARLY ? Math.min(s.early(), n) : n;
      if (list.size() != wanted) {
        problem(inv, "[4] " + list.size() + " results for " + wanted + " items");
      }
      for (int i = 0; i < Math.min(list.size(), wanted); i++) {
        if (!Objects.equals(list.get(i), f(s.value(i)))) {
          problem(inv, "[4] result " + i + " is " + list.get(i) + ", not " + f(s.value(i)));
          break;
        }
      }
      for (int i = 0; i < Math.min(list.size(), wanted); i++) {
        char kind = s.items().charAt(i);
        if (kind == 'b' || expectedItem(s, i) == Outcome.FAILURE) {
          problem(inv, "[4] a result for item " + i + " ('" + kind + "') that cannot return");
          break;
        }
      }
      if (s.form().whole()) {
        for (int i = 0; i < n; i++) {
          int starts = inv.startsByIndex.get(i);
          if (starts < 1 || starts > maxStarts(s, i)) {
            problem(
                inv,
                "[3] a successful run started item "
                    + i
                    + " "
                    + inv.startsByIndex.get(i)
                    + " times");
            break;
          }
        }
        if (finish != null && (finish.completed() != n || finish.failed() != 0)) {
          problem(inv, "[2] a successful run of " + n + " items finished with " + finish);
        }
      } else if (s.form() == Form.STREAM_EARLY && finish != null && finish.completed() < wanted) {
        problem(inv, "[2] " + wanted + " results read but onFinish says " + finish);
      }
    }

    private void checkRunAll(Invocation inv, Progress finish) {
      Scenario s = inv.level;
      if (!(inv.result instanceof Results<?> results)) {
        problem(inv, "[4] runAll returned " + inv.result);
        return;
      }
      int n = s.n();
      if (results.size() != n) {
        problem(inv, "[4] Results.size() " + results.size() + " for " + n + " items");
        return;
      }
      if (results.succeeded() + results.failed() != n) {
        problem(
            inv,
            "[4] succeeded " + results.succeeded() + " + failed " + results.failed() + " != " + n);
      }
      List<ParallelForException> failures = results.failures();
      if (failures.size() != results.failed()) {
        problem(inv, "[4] failures() has " + failures.size() + " but failed() " + results.failed());
      }
      long previous = -1;
      for (ParallelForException failure : failures) {
        if (failure.index() <= previous) {
          problem(inv, "[4] failures() not in index order");
          break;
        }
        previous = failure.index();
      }
      for (int i = 0; i < n; i++) {
        Outcome want = expectedItem(s, i);
        char kind = s.items().charAt(i);
        int starts = inv.startsByIndex.get(i);
        if (starts < 1 || starts > maxStarts(s, i)) {
          problem(
              inv,
              "[3] runAll returned but item "
                  + i
                  + " started "
                  + inv.startsByIndex.get(i)
                  + " times");
        }
        if (results.isSuccess(i)) {
          if (want == Outcome.FAILURE || kind == 'b') {
            problem(inv, "[4] item " + i + " ('" + kind + "') reported as a success");
          }
          Object value = results.value(i);
          if (!Objects.equals(value, f(s.value(i)))) {
            problem(inv, "[4] value(" + i + ") is " + value + ", not " + f(s.value(i)));
          }
        } else {
          if (want == Outcome.SUCCESS) {
            problem(inv, "[4] item " + i + " ('" + kind + "') reported as failed");
          }
          try {
            results.value(i);
            problem(inv, "[4] value(" + i + ") of a failed item did not throw");
          } catch (ParallelForException e) {
            if (e.index() != i) {
              problem(inv, "[4] value(" + i + ") threw the failure of index " + e.index());
            }
            checkItemCause(inv, e);
          } catch (RuntimeException e) {
            problem(inv, "[4] value(" + i + ") threw " + describe(e));
          }
        }
      }
      try {
        List<?> values = results.values();
        if (results.failed() > 0) {
          problem(inv, "[4] values() returned although " + results.failed() + " failed");
        } else if (values.size() != n) {
          problem(inv, "[4] values() has " + values.size() + " for " + n);
        }
      } catch (ParallelForException e) {
        if (results.failed() == 0) {
          problem(inv, "[4] values() threw with no failure: " + describe(e));
        }
      }
      if (finish != null && (finish.completed() != n || finish.failed() != results.failed())) {
        problem(
            inv,
            "[2] runAll of "
                + n
                + " items with "
                + results.failed()
                + " failures finished with "
                + finish);
      }
    }

    /** A failure attached to an item: its cause is what that item throws. */
    private void checkItemCause(Invocation inv, ParallelForException e) {
      Scenario s = inv.level;
      long index = e.index();
      if (index < 0 || index >= s.n()) {
        problem(inv, "[5] an item failure with index " + index);
        return;
      }
      char kind = s.items().charAt((int) index);
      Throwable cause = e.getCause();
      boolean timedOut =
          s.features().timesOut()
              && cause instanceof TimeoutException
              && !(cause instanceof ChaosTimeout);
      boolean ok =
          switch (kind) {
            case 'c' -> cause instanceof ItemException ie && ie.index == index;
            case 'e' -> cause instanceof ItemError ie && ie.index == index;
            case 'f' -> cause instanceof FlakyException fe && fe.index == index;
            case 'o' -> cause instanceof SocketTimeoutException;
            case 'w' -> timedOut;
            // joining a side run may outlast the item timeout
            case 'j' -> timedOut;
            // whatever the nested call threw (checked at its own level), never a bare interrupt
            case 'n' -> !(cause instanceof InterruptedException);
            // a blocked item only ends by an interrupt: the run's own (never reported) at the top;
            // below, the run above may interrupt the thread too (a direct executor, for example);
            // or by the item timeout
            case 'b' -> (!s.top() && cause instanceof InterruptedException) || timedOut;
            default -> false;
          };
      if (!ok) {
        problem(
            inv,
            "[5] item "
                + index
                + " ('"
                + kind
                + "') reported as failed with "
                + describe(cause)
                + (cause instanceof InterruptedException
                    ? " (an interrupt the run caused itself)"
                    : ""));
      }
      if (!Objects.equals(e.item(), s.value(index))) {
        problem(inv, "[5] the failure of item " + index + " names item " + e.item());
      }
    }

    private void checkFailure(Invocation inv, ParallelForException failure, Progress finish) {
      Scenario s = inv.level;
      Throwable cause = failure.getCause();
      long index = failure.index();
      if (cause instanceof ListenerFault || cause instanceof ListenerError) {
        problem(inv, "[5] a listener's exception became the run's failure: " + describe(cause));
      } else if (index >= 0) {
        checkItemCause(inv, failure);
        if (finish != null && finish.failed() == 0) {
          problem(inv, "[2] the run failed on item " + index + " but onFinish says " + finish);
        }
      } else if (cause instanceof StateFault
          || cause instanceof ContextFault
          || cause instanceof ChaosTimeout
          || cause instanceof ClusterFault
          || (cause == null && String.valueOf(failure.getMessage()).contains("context"))) {
        Features f = s.features();
        boolean explained =
            cause instanceof ClusterFault
                ? f.cluster() == Membership.MEMBER_THROWS
                : cause instanceof StateFault
                    ? f.state()
                    : cause instanceof ContextFault || cause == null
                        ? f.wrapping() != Wrapping.NO_CONTEXT
                        : f.state() || f.wrapping() != Wrapping.NO_CONTEXT;
        if (!explained) {
          problem(inv, "[5] unexplained run failure: " + describe(failure));
        }
      } else if (cause instanceof TimeoutException) {
        if (!s.deadline().stopsBlockedItems()) {
          problem(inv, "[5] a timeout with deadline " + s.deadline());
        }
      } else if (cause instanceof InterruptedException) {
        if (s.top() && !inv.interruptDelivered) {
          problem(inv, "[5] an interrupt failure although nobody interrupted the caller");
        }
      } else if (executorFault(cause)) {
        if (executors.get(s).dependable) {
          problem(inv, "[5] an executor failure on a dependable executor: " + describe(cause));
        }
      } else {
        problem(inv, "[5] unexpected run failure: " + describe(failure));
      }
      if (index == -1 && failure.item() != null) {
        problem(inv, "[5] a run-level failure names item " + failure.item());
      }
      for (Throwable suppressed : failure.getSuppressed()) {
        if (s.top()
            && suppressed instanceof ParallelForException p
            && p.index() >= 0
            && p.getCause() instanceof InterruptedException) {
          problem(
              inv,
              "[5] the run's own interrupt of item " + p.index() + " is reported as suppressed");
        }
      }
    }

    private static boolean causedByInterrupt(Throwable t) {
      for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
        if (t instanceof InterruptedException) {
          return true;
        }
      }
      return false;
    }

    private static boolean executorFault(Throwable t) {
      for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
        if (t instanceof RejectedExecutionException || t instanceof IllegalStateException) {
          return true;
        }
      }
      return false;
    }
  }

  private static <T> List<T> snapshot(List<T> list) {
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }

  private static String describe(Throwable t) {
    StringBuilder b = new StringBuilder(String.valueOf(t));
    Throwable cause = t == null ? null : t.getCause();
    for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
      b.append(" / caused by ").append(cause);
    }
    if (t != null) {
      StackTraceElement[] trace = t.getStackTrace();
      if (trace.length > 0) {
        b.append(" at ").append(trace[0]);
      }
    }
    return b.toString();
  }

  /** The stacks of the runtime's threads and of this test's own. */
  static String threadDump() {
    StringBuilder b = new StringBuilder("threads:");
    ThreadInfo[] infos = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
    for (ThreadInfo info : infos) {
      String name = info.getThreadName();
      if (!name.startsWith("parallelfor-") && !name.startsWith("chaos-")) {
        continue;
      }
      b.append("\n    \"").append(name).append("\" ").append(info.getThreadState());
      if (info.getLockName() != null) {
        b.append(" on ").append(info.getLockName());
      }
      StackTraceElement[] trace = info.getStackTrace();
      for (int i = 0; i < Math.min(trace.length, 24); i++) {
        b.append("\n        at ").append(trace[i]);
      }
    }
    return b.toString();
  }

  /** Runs each task on the thread that hands it over. */
  private enum DirectExecutor implements Executor {
    INSTANCE;

    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public String toString() {
      return "DirectExecutor";
    }
  }

  /** Hands the first tasks to a pool, then throws {@link IllegalStateException}. */
  private static final class ThrowingExecutor implements Executor {
    private final Executor delegate;
    private final int accept;
    private final AtomicInteger taken = new AtomicInteger();

    ThrowingExecutor(Executor delegate, int accept) {
      this.delegate = delegate;
      this.accept = accept;
    }

    @Override
    public void execute(Runnable task) {
      if (taken.getAndIncrement() >= accept) {
        throw new IllegalStateException("chaos: executor broken after " + accept + " tasks");
      }
      delegate.execute(task);
    }

    @Override
    public String toString() {
      return "ThrowingExecutor(after " + accept + ")";
    }
  }
}
