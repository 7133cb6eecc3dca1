/**
 * The engine behind the runtime's public API: {@code ParallelLoop} runs its loops through {@link
 * Engine}, and the options that {@code Configurable} and {@code LoopSettings} declare are kept in
 * {@link RunOptions}. Generated drivers and backends call only the public API ({@code
 * dev.parallelfor.runtime} and {@code dev.parallelfor.runtime.spi}), never this package. The module
 * does not export it: nothing here is API, and anything may change in any release.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>A {@link Run} is one execution of a loop: a few long-lived workers (at most the parallelism)
 * that claim chunks of consecutive items, run them, and store each result at its index. It is put
 * together from parts that each own one concern and its state, and owns only what concerns the run
 * as a whole (stopping it, ending it once, what its caller waits for):
 *
 * <ul>
 *   <li>{@link Lifecycle}: stopped, quiescent (every worker left) and finished; the failure and the
 *       deadline. Its flags are volatile; the failure and deadline are guarded by its lock.
 *   <li>{@link WorkerSet}: slots against the parallelism, the tasks handed to the executor, the
 *       workers inside the run. Guarded by its lock; the only code that calls the executor.
 *   <li>{@link WorkerStarter}: the only code that makes a worker and enters it into the run, for
 *       each kind of worker (a task, the caller of a nested run, a helping thread), inside the
 *       caller's context wrapper when there is one. {@link WorkerLoop}: the life of one worker
 *       inside the run (claim, run, report, leave).
 *   <li>{@link ChunkDispenser}: which items the next chunk holds. Guarded by the input lock, under
 *       which a lazy input is read. {@link ChunkSizing}: how many (see Scheduling below).
 *   <li>{@link ChunkRunner}: runs a chunk's items and classifies failures. The seam where a backend
 *       that runs chunks elsewhere plugs in: {@link ItemLoop} runs them on the worker's thread,
 *       {@link ClusterChunkRunner} ships them to a {@code Cluster} and waits for their outcomes, so
 *       everything else here works the same for a run on a cluster. The cluster is asked nothing
 *       that can outlast the run's deadline: the deadline counts from when the run is made, its
 *       parallelism is asked on a thread of its own and waited for at most until that deadline
 *       ({@link ClusterParallelism}), and every later wait is a worker's, which a stop interrupts.
 *       A remote chunk comes back short only when its member cancelled it; anything an item throws
 *       uncancelled is that item's failure, whatever its class.
 *   <li>{@link Outcomes}: where results go (an array by index, chunks joined at the end, nothing,
 *       or the {@link StreamWindow} of a streaming run).
 *   <li>{@link ProgressReporter}: counts, and listener calls that never overlap.
 * </ul>
 *
 * <p>The parts do not see the run itself: the dispenser and the chunk runners get a {@link Stopper}
 * (stop the run; a caller's interrupt reached its worker), the worker loop and the worker starter a
 * {@link RunControl} (that, and start a worker, a close or a context wrapper failed, the executor
 * refused, every worker left), and each its fellow parts by name.
 *
 * <p>Lock order: input lock, then the window's lock; the worker set's and the lifecycle's locks are
 * never held while another lock is taken. No lock is held while user code runs, except the input
 * lock around calls into a lazy input (which nothing on the stopping path needs: workers wait for
 * it interruptibly, and a stopped run does not wait for a worker stuck in its input).
 *
 * <p>Stopping. The first failure, the deadline, a caller interrupt, {@code cancel} or closing a
 * result stream calls {@link Run#stop}: the lifecycle records the cause (later real failures become
 * suppressed), then the worker set interrupts every worker inside the run. Workers read the
 * volatile stopped flag before each item. What an interrupted item throws in answer is the run's
 * own doing and is dropped; each worker clears that interrupt before giving its thread back. Every
 * request to stop interrupts again, even when the run had stopped already: a worker's {@code
 * close()} starts with the run's interrupt cleared (a clean chance to close), and an item may
 * swallow an interrupt, so the next request (the caller interrupted again, a cancel) reaches them.
 * Every wait of a caller answers each of its interrupts that way and restores the flag.
 *
 * <p>What stopped a run. Only the run's own signals, recognised by identity ({@link
 * Lifecycle#stopBySignal}), are not failures: its deadline (the run timed out) and its caller's
 * interrupt (it was cancelled). A failure of no item whose cause is a {@code TimeoutException} or
 * an {@code InterruptedException} thrown by user code (a close, a state factory, a wrapper) is a
 * failure like any other; the listener's {@link Ending} and the flight recorder both say so.
 *
 * <p>Ending. The run is quiescent when the worker set counts no worker inside it and the input is
 * exhausted or the run stopped; the deadline leaves the shared queue before anyone can see that.
 * Then it is finished exactly once: unstarted tasks are withdrawn, the input closed, {@code
 * onFinish} called, the outcome published. A synchronous run is finished by its calling thread,
 * which waits for quiescence (so listeners run on the caller's thread and no pool thread ever runs
 * them); an asynchronous or streaming run by whichever thread made it quiescent: its last worker
 * (once its context wrapper returned), or the thread that cancelled or closed it. No user code runs
 * on a thread that the runtime shares between runs: the deadline's thread (which also times items
 * out) and the cleaner's (abandoned streams) only stop a run; when that leaves an asynchronous or
 * streaming run to finish, a task on the shared pool or a short-lived thread of its own finishes it
 * ({@link Run#finishElsewhere}). Workers queued on a busy executor that start after the end find
 * the run over and return.
 *
 * <p>Context. Each worker task runs inside the wrapper captured from the run's caller, and leaves
 * the run only after the wrapper has returned: what the wrapper throws after its task is recorded
 * while the run cannot have ended. A thread that helps a run it did not start (joining its future,
 * reading its stream from inside another run's item) helps inside that run's wrapper too; the
 * caller of a nested run, which made the capture, helps as it is.
 *
 * <p>Happens-before. A worker writes an item's result into the outcome array, then leaves through
 * the worker set's lock; the thread that sees the run quiescent took that lock after it (or the
 * lifecycle's lock, released after it), so every result written happens-before {@link
 * Run#outcomes()}. Streaming chunks are published through the window's lock, failures through the
 * lifecycle's lock.
 *
 * <p>Nested runs. A thread that is itself a worker and starts a run, waits for a streamed result or
 * joins an asynchronous run helps it ({@link Run#help()}), as {@code ForkJoinPool}'s join does, so
 * nested runs progress even when every thread of the executor waits for them. A synchronous run
 * nested deeper than {@link SharedPools#MAX_DEPTH_ADDING_THREADS} on a shared pool starts no
 * worker: its calling thread runs every item, so the threads nesting takes are bounded by the
 * parallelism of the outer levels. A run nested deeper than {@link Run#MAX_NESTING_DEPTH} fails at
 * once with a {@link StackOverflowError}, which every enclosing run passes on as the error it is:
 * so a method that calls its own driver without end ends as plain recursion does, on a few threads,
 * and with the stack room the runtime needs to end each run.
 *
 * <p>Slots. A worker holds one slot from the moment it enters until it leaves, and a worker that
 * waits (an item's backoff, a rate-limit permit, a nested run it helps or joins) keeps it: nothing
 * ever waits for a slot, since on a caller's pool that cannot grow the one to return it could be a
 * task queued behind the waiter ({@link WorkerSet}). A worker that gives its slot up closes its
 * state first. So at most the parallelism of workers, and of the state they make, exist at once. To
 * keep the cores busy in CPU mode, an item that must back off is deferred to the end of its
 * worker's chunk instead ({@link Attempts}); at a parallelism of 1 it is tried again before the
 * next item, as in a {@code for} loop.
 *
 * <p>Whose interrupt. What an item throws is the run's own cancellation only when that thread was
 * interrupted by this run, or, for a thread that works for a nested run (a helping caller, or a
 * worker that a direct executor runs inline on an enclosing worker's thread), by an enclosing run
 * or by the item timer of the enclosing attempt ({@link Worker#enclosingRunInterrupted}): the
 * nested run is then cancelled, not failed by an item that never started. Never by the type of the
 * exception alone, so a {@code SocketTimeoutException} is an item's failure like any other and is
 * retried when the policy lists it. An item timeout that fires while its attempt helps a nested run
 * thereby cancels that run, as the enclosing run's stop would.
 *
 * <h2>Scheduling</h2>
 *
 * <p>Work dealing, not work stealing: items have an order and their results a place, so the input
 * is cut into chunks of consecutive items, in input order, and each worker claims the next chunk
 * when it is done with its last. A worker that is slow on a chunk simply claims fewer; nothing is
 * ever taken back from a worker. The costs to balance are those of {@code ForkJoinPool}'s
 * granularity question: a chunk too small costs a claim (one lock, one progress update) per few
 * items, a chunk too large leaves the other workers idle at the end and the progress still. The
 * rules follow, each with the class that owns it.
 *
 * <h3>Items into chunks</h3>
 *
 * <p>The {@link ChunkDispenser} hands out chunks under the input lock. An indexed input (a list, an
 * array, a range of numbers) is cut by index: a chunk is a start and a count, and its items are
 * read from the input as they run (a range's are computed from the index). A lazy input (an
 * iterator, a stream) is read under the lock into the chunk's own array: one reader at a time, as
 * iterators need, while the other workers run their chunks. The {@link Outcomes} holder makes each
 * chunk and decides where its results go (by index into one array, into the chunk's array to be
 * joined at the end, nowhere, or the streaming window), so the order of results costs nothing: each
 * is stored at its own place whoever runs it.
 *
 * <h3>Chunk sizes</h3>
 *
 * <p>{@link ChunkSizing} owns every rule. A chunk aims at a time, not a count: about {@link
 * ChunkSizing#TARGET_CHUNK_NANOS} (200 µs) on this JVM. No one knows an item's time beforehand, so
 * each worker starts with one item and sizes its next chunk from the time per item it measured on
 * its last one, growing at most fourfold a step (one fast item cannot buy a huge chunk of slow
 * ones) and shrinking at once when items turn slow; no chunk holds more than {@link
 * ChunkSizing#MAX_CHUNK} items. The size is the worker's own, kept on its thread, so workers whose
 * items differ in cost (one meets the slow region of the input) adapt apart.
 *
 * <h3>Fair shares</h3>
 *
 * <p>For an input of known size a chunk never holds more than what is left divided by twice the
 * parallelism. On a large input that changes nothing until near its end (the time rule is tighter);
 * there chunks shrink to one item, so all workers end at about the same time instead of one
 * finishing a long chunk alone. An input of unknown size has no end to aim at: it relies on the
 * time rule alone.
 *
 * <h3>How many workers, and when</h3>
 *
 * <p>A run starts as many workers as its parallelism (no more than its items; one for an input of
 * unknown size), and each time a worker has claimed a chunk, before running it, it starts one more
 * if the run has room and items left ({@link WorkerStarter#addIfUseful}), so an input whose size is
 * unknown, or workers lost to an interrupt, are made up for as the run goes. Each worker holds a
 * slot of the {@link WorkerSet} from the moment it enters until it leaves (see Slots above): the
 * slots, not the executor, bound the items in flight. An IO run on the shared pool of platform
 * threads (Java 17 to 20) may have only one worker a core at first, and twice as many each time all
 * of them are found blocked inside their chunks ({@link BlockingGrowth}): waiting, sleeping, or
 * RUNNABLE in native code without using the CPU, as a socket read is ({@link StallProbe}); never
 * while they compute, however long an item takes. Its threads grow with its blocking, not with its
 * items.
 *
 * <h3>Look-ahead: {@code stream} and {@code asCompleted}</h3>
 *
 * <p>A streaming run hands results over chunk by chunk through its {@link StreamWindow}, which
 * holds the chunks handed out and not yet consumed: at most two per worker and two more, and a
 * bounded number of items ({@link ChunkSizing#lookAheadChunks}, {@link
 * ChunkSizing#lookAheadItems}), so memory is bounded by the parallelism, not the input. When it is
 * full a worker that claims gives its slot back and leaves; the consumer starts a worker again as
 * it takes results. In input order chunks keep their time-based size, capped so that every worker
 * finds room in the window (a result can only come after those before it anyway, so streaming tiny
 * items costs what {@code run} does). In completion order ({@code asCompleted}) a chunk holds one
 * item, so each result is handed over as soon as its own item is done, and the window holds at
 * least {@link ChunkSizing#COMPLETED_CHUNKS} of them, so that workers are not restarted for nearly
 * every item.
 *
 * <h3>Nesting and helping</h3>
 *
 * <p>A thread that waits for a run while it is itself a worker (it started the run from an item,
 * joins its future, reads its stream) does not block: it enters that run as a helper and claims its
 * chunks, as {@code ForkJoinPool}'s join runs the task it waits for. A helper takes a free slot, or
 * the slot of a task the executor has not started yet, so nested runs progress even when every
 * thread of the executor waits for them, and never exceed their parallelism. Its chunk sizes adapt
 * as any worker's. How deeply runs may nest, and on how many threads, is told under Nested runs
 * above.
 *
 * <h3>Small pools</h3>
 *
 * <p>At parallelism 1 a lazy input is read one item at a time, so reading and running alternate as
 * in the {@code for} loop the run replaces (an iterator that produces on demand sees each item
 * consumed before the next is asked for); an indexed input keeps its time-sized chunks, which cost
 * nothing to cut. A caller's executor may be smaller than the parallelism, or run tasks inline (a
 * direct executor, a caller-runs policy): since nothing waits for a slot, the workers that do run
 * claim all the chunks, and a task that starts after the run ended, or inline on a thread that
 * already works for the run, leaves at once. A synchronous run nested deeper than {@link
 * SharedPools#MAX_DEPTH_ADDING_THREADS} on a shared pool starts no task: its caller runs every
 * chunk.
 *
 * <h3>Cluster chunks</h3>
 *
 * <p>On a {@code Cluster} the workers do not run items: each ships its chunk to the cluster and
 * waits for the outcomes ({@link ClusterChunkRunner}), so chunks are claimed, ordered, reported and
 * streamed as local ones. Their time target is the cluster's ({@code Cluster.targetChunkNanos()},
 * typically tens of milliseconds: long enough to amortise shipping a chunk), measured as the time
 * the members spent on the items, not the round trip. The run's parallelism is the cluster's unless
 * set, and its workers run on the IO pool whatever the mode, since they only wait.
 */
package dev.parallelfor.runtime.internal;
