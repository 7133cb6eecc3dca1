package dev.parallelfor.runtime.internal;

import dev.parallelfor.Mode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executors, shared by every run of a mode, created on first use and releasable.
 *
 * <p>Both platform pools grow on demand: a run asks for at most its parallelism in workers, so the
 * run, not the pool, caps the items in flight, and a {@code parallelism(n)} above the core count
 * really gets n threads. An IO run on platform threads asks for more than the cores only while its
 * items block ({@link BlockingGrowth}). Idle threads end after a minute (CPU) or a few seconds
 * (IO). Threads are daemons, so an application that forgets to release them still exits.
 *
 * <p>Nesting would let the pools grow without bound (each nested run asks for its own workers, and
 * a method that calls its own driver asks again at every level), so only runs nested at most {@link
 * #MAX_DEPTH_ADDING_THREADS} deep add workers to them; a deeper synchronous run is run by its
 * calling thread alone.
 */
public final class SharedPools {
  /**
   * The deepest nesting at which a synchronous run adds workers to a shared pool: a run started
   * outside any item (1) and one started inside its items (2) do, with their full parallelism; one
   * started inside an item of a nested run (3 and deeper) does not. So the threads nesting takes
   * stay within the product of two levels' parallelism.
   */
  static final int MAX_DEPTH_ADDING_THREADS = 2;

  private static final long KEEP_ALIVE_SECONDS = 60;

  /**
   * How long an idle thread of the platform IO pool lives: a few seconds, since a burst of blocking
   * items may have grown it to a thousand threads ({@link BlockingGrowth}).
   */
  private static final long IO_KEEP_ALIVE_SECONDS = 5;

  private static final ThreadFactory VIRTUAL_FACTORY = virtualThreadFactory();
  private static final ThreadFactory FINISHERS = daemonFactory("parallelfor-finish-");

  private static ElasticPool cpu;
  private static Executor io;
  private static ElasticPool ioPlatform;
  private static ScheduledThreadPoolExecutor deadlines;
  private static java.lang.ref.Cleaner abandonedStreams;

  private SharedPools() {}

  /** True when this JVM has virtual threads (Java 21 and later). */
  public static boolean virtualThreads() {
    return VIRTUAL_FACTORY != null;
  }

  /** The default parallelism of a mode on this JVM. */
  public static int defaultParallelism(Mode mode) {
    if (mode == Mode.CPU) {
      return Runtime.getRuntime().availableProcessors();
    }
    return 1024;
  }

  static synchronized Executor executor(Mode mode) {
    if (mode == Mode.CPU) {
      if (cpu == null) {
        cpu = growingPool("parallelfor-cpu-");
      }
      return cpu;
    }
    if (io == null) {
      if (VIRTUAL_FACTORY != null) {
        ThreadFactory factory = VIRTUAL_FACTORY;
        io = task -> factory.newThread(task).start();
      } else {
        ioPlatform = new ElasticPool("parallelfor-io-", IO_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        io = ioPlatform;
      }
    }
    return io;
  }

  /**
   * Cancels the runs of result streams that were dropped without being closed or read to the end
   * (after a short-circuiting operation, for example), once the garbage collector finds them.
   */
  static synchronized java.lang.ref.Cleaner abandonedStreams() {
    if (abandonedStreams == null) {
      abandonedStreams = java.lang.ref.Cleaner.create(daemonFactory("parallelfor-cleaner-"));
    }
    return abandonedStreams;
  }

  static synchronized ScheduledThreadPoolExecutor deadlines() {
    if (deadlines == null) {
      deadlines = new ScheduledThreadPoolExecutor(1, daemonFactory("parallelfor-deadline-"));
      deadlines.setRemoveOnCancelPolicy(true);
      deadlines.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
      deadlines.allowCoreThreadTimeOut(true);
    }
    return deadlines;
  }

  /**
   * Shuts the shared pools down: idle threads end at once, busy ones when their run is done. Later
   * runs create new pools.
   */
  public static void release() {
    ElasticPool oldCpu;
    ElasticPool oldIo;
    ScheduledThreadPoolExecutor oldDeadlines;
    synchronized (SharedPools.class) {
      oldCpu = cpu;
      oldIo = ioPlatform;
      oldDeadlines = deadlines;
      cpu = null;
      io = null;
      ioPlatform = null;
      deadlines = null;
    }
    if (oldCpu != null) {
      oldCpu.shutdown();
    }
    if (oldIo != null) {
      oldIo.shutdown();
    }
    if (oldDeadlines != null) {
      oldDeadlines.shutdown();
    }
  }

  /**
   * Runs a task of one run on a new daemon thread of its own, which ends with it: where a run that
   * a shared thread stopped (its deadline's, the cleaner's) is finished, so that its {@code
   * onFinish}, its input's {@code close()} and its future's dependents never hold a thread that
   * other runs need.
   */
  static void startShortLived(Runnable task) {
    Thread thread = FINISHERS.newThread(task);
    thread.start();
  }

  private static ElasticPool growingPool(String prefix) {
    return new ElasticPool(prefix, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
  }

  private static ThreadFactory daemonFactory(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * {@code Thread.ofVirtual().name("parallelfor-io-", 1).factory()}, looked up once; null on 17.
   */
  private static ThreadFactory virtualThreadFactory() {
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builderType = Class.forName("java.lang.Thread$Builder");
      Class<?> virtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandle ofVirtual =
          lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(virtualType));
      MethodHandle name =
          lookup.findVirtual(
              virtualType, "name", MethodType.methodType(virtualType, String.class, long.class));
      MethodHandle factory =
          lookup.findVirtual(builderType, "factory", MethodType.methodType(ThreadFactory.class));
      Object builder = name.invoke(ofVirtual.invoke(), "parallelfor-io-", 1L);
      return (ThreadFactory) factory.invoke(builder);
    } catch (Throwable e) {
      return null; // Java 17 to 20: no virtual threads, use platform threads
    }
  }
}
