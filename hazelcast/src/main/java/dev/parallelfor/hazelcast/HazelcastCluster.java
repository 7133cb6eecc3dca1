package dev.parallelfor.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.parallelfor.runtime.spi.Cluster;
import dev.parallelfor.runtime.spi.ClusterChunk;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Hazelcast cluster as a place where the chunks of a loop run: {@code
 * driver.on(HazelcastCluster.of(hazelcastInstance))}, or {@code loop.on(...)} for an ad-hoc loop.
 * The instance may be a member (the coordinator's own member then runs chunks too) or a client.
 *
 * <h2>How chunks run</h2>
 *
 * <p>Each chunk is sent with {@link IExecutorService#submitToMember} to the member that has the
 * fewest chunks in flight for its number of cores, through the executor service named {@value
 * #EXECUTOR_NAME} (its pool, 16 threads by default, should have at least as many threads as a
 * member has cores). On the member an executor thread receives it and its items run one after the
 * other on a thread of their own, so that a cancellation (which interrupts the executor thread) is
 * told apart from an item's own failure. The run keeps about as many chunks in flight as the
 * members have cores in all ({@link #parallelism()}), and sizes them from the measured time per
 * item so that one takes about {@link #targetChunkNanos()} (20 ms unless {@link
 * #withTargetChunkTime(Duration) changed}): a round trip on loopback costs 0.1 to 0.3 ms, a small
 * part of that.
 *
 * <h2>When a member leaves</h2>
 *
 * <p>A chunk is never submitted with a plain {@code submit}, which Hazelcast retries by itself (and
 * may so run twice without saying). When the member running a chunk leaves or crashes ({@link
 * MemberLeftException}, {@link TargetNotMemberException}, a lost connection), the chunk is sent to
 * another member, so every item still has exactly one result. The function may then have run twice
 * for the items of that chunk: once on the lost member, once on the other; keep it idempotent, or
 * let it tolerate that.
 *
 * <h2>Cancellation</h2>
 *
 * <p>When a run stops (a failure in fail-fast mode, the deadline, an interrupt, a cancelled future,
 * a closed stream), each waiting worker cancels its chunk with {@code Future.cancel(true)}, which
 * interrupts the executor thread waiting for it on its member; that thread cancels the chunk
 * ({@link ClusterChunk#cancel()}), whose items run on a thread of their own, and the chunk stops
 * before its next item. An item that throws without being cancelled has failed, whatever it threw:
 * a {@code SocketTimeoutException} is that item's failure, not a cancellation. A chunk whose item
 * ignores interrupts runs on there after the run has returned. The cancellation is sent from a
 * thread of its own and the run does not wait for the member's answer, so a member that stopped
 * answering (a long pause, a partition) does not hold the run until Hazelcast declares it dead.
 *
 * <h2>Where classes come from</h2>
 *
 * <p>Hazelcast's Community Edition runs only classes that are on each member's class path (user
 * code deployment is deprecated). The function (a {@code @Distributed} method's task class and its
 * target), the items and the results must therefore be on the class path of every member, together
 * with {@code parallelfor-runtime} and {@code parallelfor-hazelcast}: either every JVM of the
 * application is a member (embedded, the usual way), or clients connect to members started with the
 * application's jar on their class path. A plain {@code hazelcast/hazelcast} server without that
 * jar cannot run the chunks: each one fails with a {@code ClassNotFoundException}, and so does the
 * run.
 *
 * <h2>Whom the members trust</h2>
 *
 * <p>A member deserializes every task it is sent, and Hazelcast's Community Edition authenticates
 * nobody (the cluster name is not a password): keep the members on a trusted network, and give
 * every member and client the allowlist of {@link SerializationAllowlist}, which refuses to make
 * any class but this library's, Hazelcast's, the JDK's basic ones and the application's packages.
 *
 * <h2>Small machines</h2>
 *
 * <p>Hazelcast completes the future of every submitted task through a callback on the JDK's common
 * pool, or, where that pool has a parallelism of 1 (2 cores or fewer), on a new thread per
 * callback: one thread started per chunk. On such machines start the JVM with {@code
 * -Djava.util.concurrent.ForkJoinPool.common.parallelism=2}; it took a one-member run on 2 cores
 * from 19% to 9% over a local run.
 *
 * <p>No Hazelcast thread waits for Hazelcast here: chunks run only the loop's function on the
 * members, and the waiting is done by the run's own workers. Do not start a run on a cluster from
 * inside a Hazelcast thread (an entry processor, a listener), whose wait would block it.
 */
public final class HazelcastCluster implements Cluster {
  /** The name of the executor service chunks run on; configure its pool size on the members. */
  public static final String EXECUTOR_NAME = "parallelfor";

  private static final long DEFAULT_TARGET_NANOS = 20_000_000L;

  /** Chunks sent again in a row for one chunk before the run fails: members keep leaving. */
  private static final int MAX_RESUBMISSIONS = 64;

  private static final long CORES_QUERY_SECONDS = 30;

  private static final Cancellations CANCELLATIONS = new Cancellations();

  /** Runs a callback on the thread that completes the future: for hand-overs that never block. */
  private static final Executor ON_COMPLETING_THREAD = Runnable::run;

  private final HazelcastInstance instance;
  private final IExecutorService executor;
  private final long targetNanos;
  private final State state;

  /** What every copy of one cluster shares: member cores, chunks in flight, items run. */
  private static final class State {
    final Map<UUID, Integer> cores = new ConcurrentHashMap<>();
    final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    final Map<UUID, LongAdder> itemsRun = new ConcurrentHashMap<>();
    final Map<UUID, String> names = new ConcurrentHashMap<>();
    final LongAdder resubmitted = new LongAdder();
  }

  private HazelcastCluster(
      HazelcastInstance instance, IExecutorService executor, long targetNanos, State state) {
    this.instance = instance;
    this.executor = executor;
    this.targetNanos = targetNanos;
    this.state = state;
  }

  /**
   * The cluster that {@code instance} is a member or a client of.
   *
   * @param instance a running member or client
   * @return the cluster, running chunks on the executor service named {@value #EXECUTOR_NAME}
   * @throws NullPointerException if {@code instance} is null
   */
  public static HazelcastCluster of(HazelcastInstance instance) {
    Objects.requireNonNull(instance, "instance");
    return new HazelcastCluster(
        instance, instance.getExecutorService(EXECUTOR_NAME), DEFAULT_TARGET_NANOS, new State());
  }

  /**
   * Returns this cluster with another target time per chunk: longer chunks cost less per item,
   * shorter ones spread the work more evenly and report progress more often.
   *
   * @param time how long one chunk should take on a member
   * @return the cluster with that target; it shares its statistics with this one
   * @throws NullPointerException if {@code time} is null
   * @throws IllegalArgumentException if {@code time} is zero or negative
   */
  public HazelcastCluster withTargetChunkTime(Duration time) {
    Objects.requireNonNull(time, "time");
    if (time.isZero() || time.isNegative()) {
      throw new IllegalArgumentException("time must be > 0, was " + time);
    }
    return new HazelcastCluster(instance, executor, time.toNanos(), state);
  }

  /**
   * The sum of the current members' processor counts, each asked once per member and remembered. A
   * member that has not answered within 30 seconds (for all members together) counts as one
   * processor. An interrupt (a run stops waiting for the answer at its deadline) ends the waiting
   * at once: the members that have not answered then count as one processor each, and are asked
   * again next time.
   */
  @Override
  public int parallelism() {
    Map<Member, Future<Integer>> asked = new LinkedHashMap<>();
    Set<Member> members = instance.getCluster().getMembers();
    for (Member member : members) {
      if (!state.cores.containsKey(member.getUuid())) {
        try {
          asked.put(member, executor.submitToMember(new MemberCores(), member));
        } catch (RuntimeException gone) {
          // Left already: it will not count.
        }
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CORES_QUERY_SECONDS);
    for (Map.Entry<Member, Future<Integer>> entry : asked.entrySet()) {
      int cores = 1;
      try {
        cores = Math.max(1, await(entry.getValue(), Math.max(0, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        // Counted as one processor: the run still starts, and its chunks go elsewhere if it left.
      }
      state.cores.put(entry.getKey().getUuid(), cores);
    }
    long total = 0;
    for (Member member : members) {
      total += state.cores.getOrDefault(member.getUuid(), 1);
    }
    return (int) Math.max(1, Math.min(total, 4096));
  }

  @Override
  public long targetChunkNanos() {
    return targetNanos;
  }

  @Override
  public ClusterChunk.Result run(ClusterChunk chunk) throws InterruptedException {
    ChunkTask task = new ChunkTask(chunk);
    Set<UUID> lost = new HashSet<>();
    for (int attempt = 0; ; attempt++) {
      if (attempt > MAX_RESUBMISSIONS) {
        throw new IllegalStateException(
            "a chunk of "
                + chunk.count()
                + " items was sent "
                + attempt
                + " times and each time its member left");
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      Member member = chooseAndCount(lost);
      AtomicInteger load = state.inFlight.get(member.getUuid());
      try {
        Future<ChunkAnswer> future;
        try {
          future = executor.submitToMember(task, member);
        } catch (RuntimeException e) {
          if (memberGone(e)) {
            lost.add(member.getUuid());
            state.resubmitted.increment();
            continue;
          }
          throw e;
        }
        ChunkAnswer answer;
        try {
          answer = await(future);
        } catch (InterruptedException e) {
          cancel(future);
          throw e;
        } catch (ExecutionException e) {
          if (memberGone(e)) {
            lost.add(member.getUuid());
            state.resubmitted.increment();
            continue;
          }
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          if (cause instanceof Error error) {
            throw error;
          }
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new IllegalStateException("a chunk failed on " + member + ": " + cause, cause);
        }
        ClusterChunk.Result result = answer.result();
        state
            .itemsRun
            .computeIfAbsent(member.getUuid(), u -> new LongAdder())
            .add(result.attempted());
        state.names.putIfAbsent(member.getUuid(), member.getAddress().toString());
        return result;
      } finally {
        load.decrementAndGet();
      }
    }
  }

  /**
   * The member with the fewest chunks in flight for its cores, preferring those that did not just
   * lose this chunk, with its count of chunks in flight already raised by one. Choosing and
   * counting is one step, under the state's lock: workers that start together would otherwise all
   * see the same loads and send their chunks to the same member.
   */
  private Member chooseAndCount(Set<UUID> lost) {
    Set<Member> members = instance.getCluster().getMembers();
    synchronized (state) {
      Member best = leastLoaded(members, lost);
      state.inFlight.computeIfAbsent(best.getUuid(), u -> new AtomicInteger()).incrementAndGet();
      return best;
    }
  }

  /** Under the state's lock. */
  private Member leastLoaded(Set<Member> members, Set<UUID> lost) {
    Member best = null;
    double bestLoad = Double.MAX_VALUE;
    for (int pass = 0; pass < 2 && best == null; pass++) {
      for (Member member : members) {
        UUID id = member.getUuid();
        if (pass == 0 && lost.contains(id)) {
          continue;
        }
        AtomicInteger load = state.inFlight.get(id);
        double perCore = (load == null ? 0 : load.get()) / (double) state.cores.getOrDefault(id, 1);
        if (perCore < bestLoad) {
          best = member;
          bestLoad = perCore;
        }
      }
    }
    if (best == null) {
      throw new IllegalStateException("the cluster has no member to run a chunk on");
    }
    return best;
  }

  /** Whether a chunk failed because its member left: it must then run elsewhere. */
  private boolean memberGone(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof MemberLeftException
          || t instanceof TargetNotMemberException
          || t instanceof TargetDisconnectedException) {
        return true;
      }
      if (t instanceof HazelcastInstanceNotActiveException) {
        // The member shut down under the chunk; unless it is this instance, the run goes on.
        return instance.getLifecycleService().isRunning();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * Waits for a remote task's answer, interruptibly. Hazelcast's own {@code Future.get()} goes on
   * waiting when the thread is interrupted, so the wait is on a plain {@link CompletableFuture}
   * that the answer completes from the thread that completes Hazelcast's future (it only hands the
   * value over, so it never blocks there).
   *
   * <p>The hand-over runs on that thread ({@link #ON_COMPLETING_THREAD}) rather than on Hazelcast's
   * default executor for callbacks, which is the common pool, or where the common pool has a
   * parallelism of 1 (machines with 2 cores or fewer) a new thread for every callback.
   */
  private static <T> T await(Future<T> future) throws InterruptedException, ExecutionException {
    try {
      return await(future, Long.MAX_VALUE);
    } catch (TimeoutException cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
  }

  /** Like {@link #await(Future)}, for at most {@code nanos} ({@link Long#MAX_VALUE}: no bound). */
  private static <T> T await(Future<T> future, long nanos)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (!(future instanceof CompletionStage<?>)) {
      return nanos == Long.MAX_VALUE ? future.get() : future.get(nanos, TimeUnit.NANOSECONDS);
    }
    @SuppressWarnings("unchecked")
    CompletionStage<T> stage = (CompletionStage<T>) future;
    CompletableFuture<T> answer = new CompletableFuture<>();
    stage.handleAsync(
        (value, failure) -> {
          if (failure != null) {
            answer.completeExceptionally(failure);
          } else {
            answer.complete(value);
          }
          return null;
        },
        ON_COMPLETING_THREAD);
    try {
      return nanos == Long.MAX_VALUE ? answer.get() : answer.get(nanos, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof ExecutionException nested) {
        throw nested; // MemberLeftException is one
      }
      throw new ExecutionException(cause);
    }
  }

  /**
   * Cancels a chunk, interrupting its thread on the member, without waiting: Hazelcast's {@code
   * cancel} waits for the member's answer, which a member that stopped answering (a long pause, a
   * partition) gives only when it is declared dead, minutes later. The run must not wait for that,
   * so the cancellation is sent from a thread of its own.
   */
  private static void cancel(Future<?> future) {
    CANCELLATIONS.send(future);
  }

  /**
   * How many items each member has run through this cluster (and its copies made by {@link
   * #withTargetChunkTime}), by member address, for a run's summary. Items of a chunk whose member
   * was lost are counted where they finally ran.
   *
   * @return a snapshot, in no particular order
   */
  public Map<String, Long> itemsPerMember() {
    Map<String, Long> items = new LinkedHashMap<>();
    state.itemsRun.forEach(
        (id, count) ->
            items.merge(state.names.getOrDefault(id, id.toString()), count.sum(), Long::sum));
    return items;
  }

  /**
   * @return how many times a chunk was sent again because its member left
   */
  public long resubmittedChunks() {
    return state.resubmitted.sum();
  }

  /**
   * @return the Hazelcast instance chunks are sent through
   */
  public HazelcastInstance instance() {
    return instance;
  }

  @Override
  public String toString() {
    return "HazelcastCluster[" + instance.getName() + "]";
  }
}
