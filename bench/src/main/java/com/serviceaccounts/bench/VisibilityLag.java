package com.serviceaccounts.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How soon an edit shows in the query API: {@link #measure} at a rate of edits, reading back some
 * of them, with where the time goes by query-service's own timers.
 */
final class VisibilityLag {

  private final Stack stack;
  private final Options options;
  private final Map<String, String> summary;
  private final int lagProbeEvery;

  VisibilityLag(Stack stack, Options options, Map<String, String> summary) {
    this.stack = stack;
    this.options = options;
    this.summary = summary;
    this.lagProbeEvery = Math.max(1, options.lagProbeEvery);
  }

  /**
   * At {@code rate} edits/s in all: from an edit's 2xx to the query API showing it. The read asks
   * for the version the edit answered ({@code minVersion}); query-service answers as soon as its
   * projection holds it, so the read's duration is the visibility lag plus one local round trip.
   * Every {@code lagProbeEvery}-th edit of each client is read back: the load is the edits at the
   * asked rate, and the probe's reads add to it as little as a sample allows. query-service's own
   * timers cover every edit.
   */
  void measure(double rate) throws Exception {
    UUID company = UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < options.clients; i++) {
      ids.add(stack.create(company, "lag " + i).get("id").asText());
    }
    Latencies lag = new Latencies();
    AtomicLong late = new AtomicLong();
    Delays delays = new Delays();
    AtomicLong client = new AtomicLong();
    Load load =
        Load.run(
            options.clients,
            options.warmup(),
            options.duration(),
            rate / options.clients,
            stack.processes::cpuMillis,
            () -> {
              String id = ids.get((int) client.getAndIncrement());
              AtomicLong edits = new AtomicLong();
              return measured -> {
                Http.Reply edit = stack.rename(company, id, "lag " + System.nanoTime());
                if (edit.statusCode() != 200) {
                  return false;
                }
                if (edits.incrementAndGet() % lagProbeEvery != 0) {
                  return true;
                }
                long acknowledged = System.nanoTime();
                Http.Reply read =
                    stack.get(
                        stack.query,
                        company,
                        "/companies/"
                            + company
                            + "/service-accounts/"
                            + id
                            + "?minVersion="
                            + Stack.version(edit));
                if (read.statusCode() != 200) {
                  if (measured) {
                    late.incrementAndGet();
                  }
                  return false;
                }
                if (measured) {
                  lag.add(System.nanoTime() - acknowledged);
                }
                return true;
              };
            });
    System.out.printf(
        Locale.ROOT,
        "Visibility lag, where it goes (query-service's timers, means over the whole phase):"
            + " stored → sent to Kafka %.1f ms, stored → visible %.1f ms%n",
        delays.until("published"),
        delays.until("visible"));
    System.out.printf(
        Locale.ROOT,
        "Visibility lag at %.0f edits/s (50 %% of the maximum), %s read back: %s;"
            + " %d not visible within 2 s; %s%n",
        rate,
        probedEdits(),
        lag.summary(),
        late.get(),
        load.describe("edits"));
    summary.put(
        String.format(
            Locale.ROOT,
            "visibility lag, 2xx → visible in the query API, at %.0f edits/s asked, %.0f achieved"
                + " (%s read back)",
            rate,
            load.perSecond(),
            probedEdits()),
        String.format(
            Locale.ROOT,
            "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (targets p50 ≤ 20, p99 ≤ 100); %d later than 2 s",
            lag.millis(50),
            lag.millis(95),
            lag.millis(99),
            late.get()));
  }

  /** Which edits the lag phase reads back: "every edit", "one edit in 4". */
  private String probedEdits() {
    return lagProbeEvery == 1 ? "every edit" : "one edit in " + lagProbeEvery;
  }

  /** The means of query-service's event delay timers since this was made. */
  private final class Delays {

    private static final String TIMER = "service_accounts_events_delay";
    private final Map<String, double[]> before = new LinkedHashMap<>();

    Delays() throws Exception {
      for (String until : List.of("published", "visible")) {
        before.put(until, stack.timer(stack.query, TIMER, "until=\"" + until + "\""));
      }
    }

    double until(String until) throws Exception {
      double[] now = stack.timer(stack.query, TIMER, "until=\"" + until + "\"");
      double[] then = before.get(until);
      return (now[0] - then[0]) * 1000 / Math.max(1, now[1] - then[1]);
    }
  }
}
