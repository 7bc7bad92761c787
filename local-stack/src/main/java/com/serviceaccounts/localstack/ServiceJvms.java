package com.serviceaccounts.localstack;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * How the local stack runs each service's JVM: heap, collector and class data sharing, sized for
 * one machine that runs the whole stack.
 */
final class ServiceJvms {

  /**
   * Each service's heap limit. Left to the JVM it is a quarter of the machine's memory, which a
   * service grows into while memory is plenty; a fixed limit keeps the stack's footprint what the
   * benchmarks measure, and a service that needs more fails loudly instead.
   */
  private static final String SERVICE_HEAP = "-Xmx512m";

  /**
   * Each service's initial heap. Left to the JVM it is a 64th of the machine's memory (384 MiB on
   * 24 GiB), and the collector fills that whole young generation with start-up garbage before its
   * first collection, so every idle service kept it; a small start grows only as far as the
   * service's live data and its load need.
   */
  private static final String SERVICE_INITIAL_HEAP = "-Xms64m";

  /**
   * Each JVM's young generation at most. Left to the collector it is sized from the heap limit (a
   * third of it), and start-up's garbage grows it to that size, which an idle service then keeps;
   * capped, the live data decides the heap. The command mix ran no slower with the cap (see
   * BENCHMARKS.md).
   */
  private static final String YOUNG_GENERATION = "-XX:MaxNewSize=48m";

  /**
   * The garbage collector of the services on the benchmarks' hot paths. The JVM's default on a
   * machine like ours, G1, works beside the application on threads of its own (concurrent marking,
   * remembered-set refinement) and pays for that with costlier write barriers; on the two cores the
   * whole stack shares, that CPU is taken from the services and PostgreSQL. The parallel collector
   * does all its work in short pauses, which a 512 MiB heap keeps short (see BENCHMARKS.md for what
   * it changed).
   */
  private static final String SERVICE_GC = "-XX:+UseParallelGC";

  /**
   * The web UI's collector: one person's pages make little garbage, and the serial collector has
   * neither the parallel one's per-core threads nor its eagerness to keep the heap it grew.
   */
  private static final String UI_GC = "-XX:+UseSerialGC";

  /**
   * The web UI's compiler: the client compiler alone, which compiles each method once, quickly and
   * without profiling it first. The server compiler's faster code pays off only on a hot path, and
   * one person's pages make none; at start-up it would spend seconds of the CPU the services share.
   */
  private static final String UI_COMPILER = "-XX:TieredStopAtLevel=1";

  /**
   * How many malloc arenas glibc may keep in each JVM. By default it keeps one per thread up to
   * eight per core, and what the JVM frees into each (compilations, class loading) stays with the
   * process; two are plenty for the JVM's own native allocations.
   */
  private static final String MALLOC_ARENAS = "2";

  /**
   * The JVM's periodic return of freed native memory to the system ({@code malloc_trim}), every
   * five seconds; experimental on Java 17 from 17.0.9, so offered only where the JVM that runs the
   * launcher, and therefore each service, knows the option.
   */
  private static final List<String> NATIVE_HEAP_TRIM =
      knowsOption("TrimNativeHeapInterval")
          ? List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000")
          : List.of();

  /** The generation of the JVM that runs the launcher, and therefore each service. */
  private static final Generation GENERATION = Generation.of(Runtime.version());

  /** What a service JVM is given by its Java version. */
  enum Generation {
    /** Java 17. */
    JAVA_17(ClassDataSharing.Kind.DYNAMIC_ARCHIVE_17, List.of()),
    /** Java 18 to 24. */
    JAVA_18(ClassDataSharing.Kind.DYNAMIC_ARCHIVE, List.of()),
    /**
     * Java 25 and later: the ahead-of-time cache, and object headers of 8 bytes instead of 12, so
     * every object is smaller, and a service's heap with it.
     */
    JAVA_25(ClassDataSharing.Kind.AHEAD_OF_TIME_CACHE, List.of("-XX:+UseCompactObjectHeaders"));

    final ClassDataSharing.Kind sharing;
    final List<String> objectHeaders;

    Generation(ClassDataSharing.Kind sharing, List<String> objectHeaders) {
      this.sharing = sharing;
      this.objectHeaders = objectHeaders;
    }

    static Generation of(Runtime.Version version) {
      if (version.feature() >= 25) {
        return JAVA_25;
      }
      return version.feature() >= 18 ? JAVA_18 : JAVA_17;
    }
  }

  private final Path dataDirectory;

  /** How each service that uses class data sharing was started, by label. */
  private final Map<String, ClassDataSharing.Launch> sharing = new ConcurrentHashMap<>();

  ServiceJvms(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  /** A service started with {@code arguments}' arguments and environment for {@code database}. */
  ServiceProcess service(
      String label, Path jar, int port, ServiceArguments arguments, String database) {
    ClassDataSharing.Launch launch = prepare(label, jar);
    ServiceProcess.Builder builder = builder(label, launch.jar(), port).jvmOption(SERVICE_GC);
    launch.jvmOptions().forEach(builder::jvmOption);
    arguments.applyTo(builder, database);
    return builder.build();
  }

  /**
   * The web UI, with class data sharing like the services. The development sign-in, an add-on the
   * product jar does not hold, is in the jars web-ui's build puts beside it ({@code dev-sign-in/}):
   * they join the extracted jar's class path; if extraction failed, the Spring Boot jar's own
   * launcher loads them ({@code loader.path}).
   */
  ServiceProcess ui(Path jar, int port, List<String> arguments) {
    Path devSignIn = jar.toAbsolutePath().resolveSibling("dev-sign-in");
    ClassDataSharing.Launch launch = prepare("web-ui", jar);
    ServiceProcess.Builder builder =
        builder("web-ui", launch.jar(), port).jvmOption(UI_GC).jvmOption(UI_COMPILER);
    if (launch.folder() != null) {
      jarsIn(devSignIn).forEach(builder::classPath);
    } else {
      builder.jvmOption("-Dloader.path=" + devSignIn);
    }
    launch.jvmOptions().forEach(builder::jvmOption);
    arguments.forEach(builder::argument);
    return builder.build();
  }

  private ClassDataSharing.Launch prepare(String label, Path jar) {
    // Class data sharing needs the jar extracted; see ClassDataSharing.
    ClassDataSharing.Launch launch =
        ClassDataSharing.prepare(
            jar, dataDirectory.resolve(ClassDataSharing.DIRECTORY), label, GENERATION.sharing);
    sharing.put(label, launch);
    return launch;
  }

  /** The jars in {@code folder}, by name; none if there is no such folder. */
  private static List<Path> jarsIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ServiceProcess.Builder builder(String label, Path jar, int port) {
    ServiceProcess.Builder builder =
        ServiceProcess.builder(label, jar)
            .port(port)
            .jvmOption(SERVICE_INITIAL_HEAP)
            .jvmOption(SERVICE_HEAP)
            .jvmOption(YOUNG_GENERATION)
            .environment("MALLOC_ARENA_MAX", MALLOC_ARENAS)
            .environment("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
    NATIVE_HEAP_TRIM.forEach(builder::jvmOption);
    GENERATION.objectHeaders.forEach(builder::jvmOption);
    return builder;
  }

  /**
   * Whether the JVM that runs the launcher, and therefore each service, knows option {@code name}.
   */
  static boolean knowsOption(String name) {
    try {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name);
      return true;
    } catch (IllegalArgumentException unknown) {
      return false;
    }
  }

  /** How long {@code service} may take to stop before it is killed. */
  Duration stopTimeout(ServiceProcess service) {
    ClassDataSharing.Launch launch = sharing.get(service.label());
    return launch != null ? launch.stopTimeout() : ServiceProcess.DEFAULT_STOP_TIMEOUT;
  }

  /** After a service's exit: keeps or drops the class data sharing archive it recorded. */
  void stopped(ServiceProcess service) {
    ClassDataSharing.Launch launch = sharing.get(service.label());
    if (launch != null) {
      launch.serviceStopped(ClassDataSharing.exitedNormally(service.exitCode()));
    }
  }
}
