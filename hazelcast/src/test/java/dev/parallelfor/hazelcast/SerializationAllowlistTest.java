package dev.parallelfor.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.parallelfor.runtime.ItemFunction;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.ParallelForException;
import java.io.Serializable;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import net.elsewhere.Intruder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Members with the allowlist run loops as before, and refuse to deserialize a class outside it,
 * even from a member that joined with the cluster's name; a member without it takes that class.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SerializationAllowlistTest {
  interface Work extends ItemFunction<Integer, Integer>, Serializable {}

  private static Config protectedConfig(LoopbackMembers members, String name) {
    Config config = LoopbackMembers.config(members.clusterName, name + "-" + members.clusterName);
    SerializationAllowlist.addTo(config.getSerializationConfig(), "com.example.app.");
    return config;
  }

  @Test
  void aMemberWithTheAllowlistRefusesAClassOutsideItAndOneWithoutTakesIt() throws Exception {
    try (LoopbackMembers members = new LoopbackMembers()) {
      HazelcastInstance guarded = members.start(protectedConfig(members, "guarded"));
      HazelcastInstance open = members.start("open"); // no filter: Hazelcast's defaults
      HazelcastInstance stranger = members.start("stranger"); // knows the name, and that is all
      LoopbackMembers.awaitMembers(3, guarded, open, stranger);
      IExecutorService executor = stranger.getExecutorService(HazelcastCluster.EXECUTOR_NAME);
      Member guardedMember = guarded.getCluster().getLocalMember();
      Intruder.DESERIALIZED.set(0);
      Intruder.RAN.set(0);

      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () ->
                  executor.submitToMember(new Intruder(), guardedMember).get(60, TimeUnit.SECONDS));
      assertTrue(
          causes(refused)
              .contains("Resolving class " + Intruder.class.getName() + " is not allowed"),
          causes(refused));
      assertEquals(0, Intruder.DESERIALIZED.get(), "the guarded member made no instance");
      assertEquals(0, Intruder.RAN.get());
      // What our own backend sends is admitted.
      assertTrue(
          executor.submitToMember(new MemberCores(), guardedMember).get(60, TimeUnit.SECONDS) >= 1);

      Member openMember = open.getCluster().getLocalMember();
      assertEquals(
          "ran", executor.submitToMember(new Intruder(), openMember).get(60, TimeUnit.SECONDS));
      assertEquals(1, Intruder.DESERIALIZED.get(), "a member without the allowlist made one");
    }
  }

  @Test
  void loopsRunOnMembersThatAllHaveTheAllowlist() {
    try (LoopbackMembers members = new LoopbackMembers()) {
      HazelcastInstance first = members.start(protectedConfig(members, "first"));
      members.start(protectedConfig(members, "second"));
      HazelcastInstance client = members.client(first);
      HazelcastCluster viaClient = HazelcastCluster.of(client);
      List<Integer> numbers = IntStream.range(0, 500).boxed().toList();
      Work square = n -> n * n;
      assertEquals(
          numbers.stream().map(n -> n * n).toList(),
          Parallel.cpu(square).on(viaClient).run(numbers));
      Work timesOut =
          n -> {
            if (n == 321) {
              throw new SocketTimeoutException("read timed out");
            }
            return n;
          };
      ParallelForException e =
          assertThrows(
              ParallelForException.class, () -> Parallel.cpu(timesOut).on(viaClient).run(numbers));
      assertEquals(321, e.index());
      assertInstanceOf(SocketTimeoutException.class, e.getCause());
    }
  }

  @Test
  void theFilterAdmitsOurTypesTheJdksBasicsAndTheGivenPrefixesOnly() {
    JavaSerializationFilterConfig filter = SerializationAllowlist.filter("com.example.app.");
    assertTrue(filter.isDefaultsDisabled());
    for (String admitted :
        List.of(
            ChunkTask.class.getName(),
            "dev.parallelfor.runtime.internal.ItemCall",
            "java.lang.invoke.SerializedLambda",
            "java.util.ArrayList",
            "java.net.SocketTimeoutException",
            "[Ljava.lang.Object;",
            "com.example.app.Score")) {
      assertTrue(filter.getWhitelist().isListed(admitted), admitted);
    }
    for (String refused :
        List.of(
            Intruder.class.getName(),
            "javax.management.BadAttributeValueExpException",
            "com.example.other.Score",
            "java.security.SignedObject")) {
      assertTrue(!filter.getWhitelist().isListed(refused), refused);
    }
    assertThrows(IllegalArgumentException.class, () -> SerializationAllowlist.filter(" "));
  }

  private static String causes(Throwable thrown) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = thrown; t != null && text.length() < 10_000; t = t.getCause()) {
      text.append(t).append(" / ");
    }
    return text.toString();
  }
}
