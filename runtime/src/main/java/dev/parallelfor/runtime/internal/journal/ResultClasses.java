package dev.parallelfor.runtime.internal.journal;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes that serialized results of one declared type may hold, on writing and on reading
 * alike: the type itself, the declared types of its fields (recursively, with their type
 * arguments), the user's own subclasses of those, arrays of them, and a fixed set of the JDK's
 * value and collection classes. Nothing else: the JDK's open types ({@code Object}, {@code List},
 * {@code Serializable}) admit only the JDK classes listed here, never a subclass from elsewhere on
 * the class path. Thread-safe.
 */
final class ResultClasses {
  private static final Set<String> JDK_CLASSES =
      Set.of(
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Character",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.lang.String",
          "java.lang.Enum",
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.util.ArrayList",
          "java.util.LinkedList",
          "java.util.ArrayDeque",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet",
          "java.util.EnumMap",
          "java.util.EnumSet",
          "java.util.EnumSet$SerializationProxy",
          "java.util.RegularEnumSet",
          "java.util.JumboEnumSet",
          // Only as the element type that HashMap checks its table's size against.
          "java.util.Map$Entry",
          "java.util.AbstractMap$SimpleEntry",
          "java.util.AbstractMap$SimpleImmutableEntry",
          "java.util.Arrays$ArrayList",
          "java.util.CollSer",
          "java.util.UUID",
          "java.util.BitSet",
          "java.util.Date",
          "java.util.Locale",
          "java.util.Collections$ReverseComparator",
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentHashMap$Segment",
          "java.util.concurrent.CopyOnWriteArrayList");

  /** Families of immutable views and value proxies, by the prefix of their binary names. */
  private static final String[] JDK_PREFIXES = {
    "java.util.ImmutableCollections$",
    "java.util.Collections$Unmodifiable",
    "java.util.Collections$Empty",
    "java.util.Collections$Singleton",
    "java.time.",
  };

  private static final ResultClasses JDK_ONLY = new ResultClasses(null);

  private final Type declared;
  // The user's classes admitted so far; grows as subclasses of admitted ones are met.
  private final Set<Class<?>> admitted = ConcurrentHashMap.newKeySet();

  private ResultClasses(Type declared) {
    this.declared = declared;
    if (declared != null) {
      admit(declared);
    }
  }

  /**
   * The classes results of {@code declared} may hold.
   *
   * @param declared the results' declared type, or null when unknown: then the JDK's classes only
   */
  static ResultClasses of(Type declared) {
    return declared == null ? JDK_ONLY : new ResultClasses(declared);
  }

  /** The declared type, or null. */
  Type declared() {
    return declared;
  }

  /** Whether an object of {@code type} may be written to or read from a result. */
  boolean allows(Class<?> type) {
    while (type.isArray()) {
      type = type.getComponentType();
    }
    if (type.isPrimitive() || type == Object.class) {
      return true;
    }
    if (isJdk(type)) {
      return isAllowedJdkClass(type);
    }
    if (admitted.contains(type)) {
      return true;
    }
    // A subclass or implementation, however indirect, of one of the user's admitted types: the
    // user's own hierarchy. Admitting it admits its fields' types too.
    for (Class<?> known : admitted) {
      if (known.isAssignableFrom(type)) {
        admit(type);
        return true;
      }
    }
    return false;
  }

  private static boolean isAllowedJdkClass(Class<?> type) {
    String name = type.getName();
    if (JDK_CLASSES.contains(name) || (type.isEnum() || isEnumConstantBody(type))) {
      return true;
    }
    for (String prefix : JDK_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEnumConstantBody(Class<?> type) {
    Class<?> parent = type.getSuperclass();
    return parent != null && parent.isEnum();
  }

  /** A class of the JDK's own java.* modules: trusted to be what its name says. */
  private static boolean isJdk(Class<?> type) {
    return type.getClassLoader() == null && type.getName().startsWith("java.");
  }

  /** Admits the user's classes in {@code root}, its fields' types and theirs, transitively. */
  private void admit(Type root) {
    Deque<Type> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Type type = pending.pop();
      if (type instanceof Class<?>) {
        Class<?> c = (Class<?>) type;
        while (c.isArray()) {
          c = c.getComponentType();
        }
        if (c.isPrimitive() || isJdk(c) || !admitted.add(c)) {
          continue;
        }
        for (Class<?> k = c; k != null && !isJdk(k); k = k.getSuperclass()) {
          admitted.add(k);
          // The type arguments it gives its parents: a Bag extends ArrayList<Point> holds Points.
          if (k.getGenericSuperclass() instanceof ParameterizedType) {
            pending.push(k.getGenericSuperclass());
          }
          for (Type face : k.getGenericInterfaces()) {
            if (face instanceof ParameterizedType) {
              pending.push(face);
            }
          }
          for (Field field : k.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
              pending.push(field.getGenericType());
            }
          }
        }
      } else if (type instanceof ParameterizedType) {
        ParameterizedType parameterized = (ParameterizedType) type;
        pending.push(parameterized.getRawType());
        for (Type argument : parameterized.getActualTypeArguments()) {
          pending.push(argument);
        }
      } else if (type instanceof GenericArrayType) {
        pending.push(((GenericArrayType) type).getGenericComponentType());
      } else if (type instanceof WildcardType) {
        for (Type bound : ((WildcardType) type).getUpperBounds()) {
          pending.push(bound);
        }
        for (Type bound : ((WildcardType) type).getLowerBounds()) {
          pending.push(bound);
        }
      } else if (type instanceof TypeVariable<?>) {
        for (Type bound : ((TypeVariable<?>) type).getBounds()) {
          pending.push(bound);
        }
      }
    }
  }

  /** The raw class of a declared type, for messages and class loading. */
  static Class<?> rawClass(Type type) {
    if (type instanceof Class<?>) {
      return (Class<?>) type;
    }
    if (type instanceof ParameterizedType) {
      return rawClass(((ParameterizedType) type).getRawType());
    }
    if (type instanceof GenericArrayType) {
      return java.lang.reflect.Array.newInstance(
              rawClass(((GenericArrayType) type).getGenericComponentType()), 0)
          .getClass();
    }
    return Object.class;
  }
}
