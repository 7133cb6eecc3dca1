package dev.parallelfor.runtime.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
  record Point(int x, int y) {}

  static final class Opaque {}

  enum WithBodies {
    PLAIN,
    SPECIAL {
      @Override
      public String toString() {
        return "special";
      }
    }
  }

  @Property
  void equalStringsHaveEqualFingerprints(@ForAll String text) {
    assertThat(Fingerprints.of(new String(text.toCharArray()))).isEqualTo(Fingerprints.of(text));
  }

  @Property
  void boxedAndUnboxedNumbersAgree(@ForAll int i, @ForAll long l) {
    assertThat(Fingerprints.ofInt(i)).isEqualTo(Fingerprints.of(Integer.valueOf(i)));
    assertThat(Fingerprints.ofLong(l)).isEqualTo(Fingerprints.of(Long.valueOf(l)));
  }

  @Property
  void byteArraysAreKeyedByContent(@ForAll byte[] bytes) {
    assertThat(Fingerprints.of(bytes.clone())).isEqualTo(Fingerprints.of(bytes));
  }

  @Property
  void differentStringsHaveDifferentFingerprints(@ForAll String a, @ForAll String b) {
    if (!a.equals(b)) {
      assertThat(Fingerprints.of(a)).isNotEqualTo(Fingerprints.of(b));
    }
  }

  @Test
  void aMillionConsecutiveNumbersAndTheirTextsNeverCollide() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 500_000; i++) {
      assertThat(seen.add(Fingerprints.ofLong(i))).isTrue();
      assertThat(seen.add(Fingerprints.of("file-" + i))).isTrue();
    }
  }

  @Test
  void theSameValueInAnotherTypeIsAnotherKey() {
    Set<Long> fingerprints = new HashSet<>();
    for (Object key :
        List.of(
            1,
            1L,
            (short) 1,
            (byte) 1,
            (char) 1,
            "1",
            1.0f,
            1.0d,
            BigInteger.ONE,
            BigDecimal.ONE,
            Path.of("1"),
            new File("1"),
            URI.create("1"),
            new byte[] {1})) {
      fingerprints.add(Fingerprints.of(key));
    }
    assertThat(fingerprints).hasSize(14);
  }

  @Test
  void fingerprintsAreFixedAcrossVersionsAndMachines() throws Exception {
    // Golden values: a change here makes every stored journal stale, so it must be deliberate.
    assertThat(
            new long[] {
              Fingerprints.of(null),
              Fingerprints.of(0),
              Fingerprints.of(42L),
              Fingerprints.of(""),
              Fingerprints.of("héllo wörld 🌍"),
              Fingerprints.of(Path.of("a/b.txt")),
              Fingerprints.of(new URL("https://example.org/x")),
              Fingerprints.of(new UUID(1, 2)),
              Fingerprints.of(TimeUnit.SECONDS),
              Fingerprints.of(new Point(3, 4)),
              Fingerprints.of(new byte[] {1, 2, 3}),
            })
        .containsExactly(GOLDEN);
  }

  private static final long[] GOLDEN = {
    -662034185098369245L,
    -3972145929672014083L,
    8937489415179437172L,
    -8508368428865497021L,
    -8665859721165291809L,
    -1040452702618242395L,
    8390838961638724012L,
    -5953261962614175112L,
    -1409529148722801786L,
    -2291265815659126476L,
    -5423815231867753821L,
  };

  @Test
  void textsDifferFromTheirPrefixesAndNeighbours() {
    assertThat(Fingerprints.of("ab")).isNotEqualTo(Fingerprints.of("a"));
    assertThat(Fingerprints.of("a\u0000")).isNotEqualTo(Fingerprints.of("a"));
    assertThat(Fingerprints.of("\uD800")).isNotEqualTo(Fingerprints.of("?"));
    assertThat(Fingerprints.of("\uD800")).isNotEqualTo(Fingerprints.of("\uDC00"));
    assertThat(Fingerprints.of(new byte[0])).isNotEqualTo(Fingerprints.of(new byte[] {0}));
    assertThat(Fingerprints.of(Double.NaN)).isEqualTo(Fingerprints.of(0.0 / 0.0));
    assertThat(Fingerprints.of(0.0)).isNotEqualTo(Fingerprints.of(-0.0));
  }

  @Test
  void enumsAreKeyedByTheirDeclaringClassAndName() {
    assertThat(WithBodies.SPECIAL.getClass()).isNotEqualTo(WithBodies.class);
    assertThat(Fingerprints.of(WithBodies.SPECIAL))
        .isNotEqualTo(Fingerprints.of(WithBodies.PLAIN))
        .isNotEqualTo(Fingerprints.of("SPECIAL"))
        .isNotEqualTo(Fingerprints.of("special"));
  }

  @Test
  void recordsAreKeyedByClassAndText() {
    assertThat(Fingerprints.of(new Point(1, 2))).isEqualTo(Fingerprints.of(new Point(1, 2)));
    assertThat(Fingerprints.of(new Point(1, 2))).isNotEqualTo(Fingerprints.of(new Point(2, 1)));
    assertThat(Fingerprints.of(new Point(1, 2))).isNotEqualTo(Fingerprints.of("Point[x=1, y=2]"));
    assertThat(Fingerprints.of(List.of("a", "b"))).isEqualTo(Fingerprints.of(List.of("a", "b")));
  }

  @Test
  void classesWithObjectsToStringAreRefusedWithTheFix() {
    assertThatThrownBy(() -> Fingerprints.of(new Opaque()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Opaque.class.getTypeName())
        .hasMessageContaining(".key(item -> ");
    assertThatThrownBy(() -> Fingerprints.of(new int[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("int[]");
    assertThatThrownBy(() -> Fingerprints.of((Runnable) () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
