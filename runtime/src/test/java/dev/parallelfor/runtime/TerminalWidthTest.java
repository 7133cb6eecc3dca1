package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Where the width comes from, how often the terminal is asked, and that no redraw waits for it. */
class TerminalWidthTest {
  private final Map<String, String> environment = new HashMap<>();
  private final AtomicLong clock = new AtomicLong();
  private final AtomicInteger asks = new AtomicInteger();

  @Test
  void columnsWinsWhenSetAndTheTerminalIsNotAsked() {
    environment.put("COLUMNS", " 132 ");
    TerminalWidth width = new TerminalWidth(environment::get, this::answer60, clock::get);
    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(width.getAsInt()).isEqualTo(132);
    assertThat(asks).hasValue(0);
  }

  @Test
  void theTerminalAnswersWhenColumnsIsUnsetOrUnusable() {
    environment.put("COLUMNS", "wide");
    TerminalWidth width = new TerminalWidth(environment::get, this::answer60, clock::get);
    assertThat(width.getAsInt()).isEqualTo(60);
    assertThat(asks).hasValue(1);
  }

  @Test
  void eightyWhenNothingAnswers() {
    TerminalWidth width =
        new TerminalWidth(environment::get, limit -> OptionalInt.empty(), clock::get);
    assertThat(width.getAsInt()).isEqualTo(TerminalWidth.DEFAULT);
  }

  @Test
  void theTerminalIsAskedAgainAtMostOnceASecondAndNoRedrawWaitsForIt() throws Exception {
    AtomicInteger columns = new AtomicInteger(60);
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    TerminalWidth width =
        new TerminalWidth(
            environment::get,
            limit -> {
              if (asks.incrementAndGet() == 1) {
                return OptionalInt.of(columns.get()); // the first ask, when made
              }
              asked.countDown();
              try {
                answer.await(); // a terminal slow to answer
              } catch (InterruptedException e) {
                return OptionalInt.empty();
              }
              return OptionalInt.of(columns.get());
            },
            clock::get);
    assertThat(width.getAsInt()).isEqualTo(60);
    clock.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(width.getAsInt()).isEqualTo(60);
    assertThat(asks).hasValue(1); // not yet a second

    columns.set(40); // the terminal is resized
    clock.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(width.getAsInt()).isEqualTo(60); // the ask runs elsewhere; this call returns now
    assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(width.getAsInt()).isEqualTo(60); // still asking: no second ask
    assertThat(asks).hasValue(2);
    answer.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (width.getAsInt() != 40 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(width.getAsInt()).isEqualTo(40);
  }

  private OptionalInt answer60(Duration limit) {
    asks.incrementAndGet();
    return OptionalInt.of(60);
  }
}
