package dev.parallelfor.hazelcast;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.SerializationConfig;
import java.util.List;
import java.util.Objects;

/**
 * The classes that a member (or client) lets Java deserialization make: what a loop on the cluster
 * needs and nothing else. A member deserializes every task it is sent (a chunk's function, with a
 * driver's target and shared arguments, goes by Java serialization), so without a filter anyone who
 * reaches a member's port can make it instantiate any serializable class on its class path, the
 * start of the known deserialization attacks. Hazelcast's Community Edition has no authentication
 * and no TLS, but it has this filter.
 *
 * <p>The allowlist admits, by prefix of the class name:
 *
 * <ul>
 *   <li>this library's own types ({@value #OWN}), which include the runtime's wrappers of a loop's
 *       function and the tasks this backend sends;
 *   <li>Hazelcast's own ({@code com.hazelcast.}) and arrays;
 *   <li>the JDK's value and collection types and the exceptions an item may throw: {@code
 *       java.lang.}, {@code java.util.}, {@code java.math.}, {@code java.time.}, {@code java.io.},
 *       {@code java.net.}, {@code java.nio.} (a lambda travels as a {@code
 *       java.lang.invoke.SerializedLambda});
 *   <li>the prefixes given: the application's own packages, whose classes travel as a driver's
 *       target, shared arguments, items, results and failures.
 * </ul>
 *
 * <p>Everything else is refused before its class is even loaded, with a {@link SecurityException}
 * ("Resolving class ... is not allowed"): a gadget of another library, and also a class of the
 * application outside the prefixes given, or a JDK class outside the list (give its name or
 * package, then). Hazelcast's own default of admitting every {@code java*} class is turned off.
 * Give every member and client the same allowlist:
 *
 * <pre>{@code
 * Config config = new Config();
 * SerializationAllowlist.addTo(config.getSerializationConfig(), "com.example.scoring.");
 * HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
 * }</pre>
 *
 * <p>It is a filter, not a lock: the members must still be on a network that only trusted machines
 * reach. Hazelcast's own {@code DataSerializable} types are made by name without it.
 */
public final class SerializationAllowlist {
  /** The prefix of this library's own classes. */
  public static final String OWN = "dev.parallelfor.";

  private static final List<String> ADMITTED =
      List.of(
          OWN,
          "com.hazelcast.",
          "[",
          "java.lang.",
          "java.util.",
          "java.math.",
          "java.time.",
          "java.io.",
          "java.net.",
          "java.nio.");

  private SerializationAllowlist() {}

  /**
   * A filter that admits what a loop on the cluster needs and the classes whose names start with
   * one of {@code prefixes}.
   *
   * @param prefixes the application's packages, each ending with a dot ({@code "com.example."}
   *     admits {@code com.example} and its subpackages), or whole class names
   * @return a new filter configuration; add more to its {@link
   *     JavaSerializationFilterConfig#getWhitelist() whitelist} as needed
   * @throws NullPointerException if {@code prefixes} or one of them is null
   * @throws IllegalArgumentException if a prefix is blank
   */
  public static JavaSerializationFilterConfig filter(String... prefixes) {
    Objects.requireNonNull(prefixes, "prefixes");
    ClassFilter allowed = new ClassFilter();
    allowed.addPrefixes(ADMITTED.toArray(String[]::new));
    for (String prefix : prefixes) {
      Objects.requireNonNull(prefix, "a prefix");
      if (prefix.isBlank()) {
        throw new IllegalArgumentException("a prefix is blank: it would admit every class");
      }
      allowed.addPrefixes(prefix);
    }
    JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
    filter.setDefaultsDisabled(true);
    filter.setWhitelist(allowed);
    return filter;
  }

  /**
   * Sets {@link #filter(String...)} as the Java serialization filter of a member's or client's
   * configuration ({@code config.getSerializationConfig()}).
   *
   * @param serialization the serialization settings of the member or client to protect
   * @param prefixes the application's packages, each ending with a dot, or whole class names
   * @return {@code serialization}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a prefix is blank
   */
  public static SerializationConfig addTo(SerializationConfig serialization, String... prefixes) {
    Objects.requireNonNull(serialization, "serialization");
    return serialization.setJavaSerializationFilterConfig(filter(prefixes));
  }
}
