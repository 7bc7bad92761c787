package com.serviceaccounts.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a parked record, kept with it so that a re-drive publishes the record as it came
 * in (a binary-mode CloudEvent's attributes are its {@code ce_*} headers), and the header {@value
 * #PARKED_ID} that marks a re-driven record with its parked row: the owner of the table (the
 * consumer group that parked it) and the row's id, {@code token-service:54}. Every consumer that
 * parks records (query-service, token-service) keeps and re-drives them with it (ADR 0001); each
 * reads only its own rows in it, for the other consumers of the topic read the re-driven record
 * too.
 */
public final class ParkedRecordHeaders {

  /** The header of a re-driven record: the owner and id of its parked row. */
  public static final String PARKED_ID = "service-accounts-parked-id";

  /** The header of a dead letter published again: where on the dead-letter topic it was. */
  public static final String REPLAYED_FROM = "service-accounts-replayed-from";

  private ParkedRecordHeaders() {}

  /**
   * The id of {@code owner}'s parked row a re-driven record came from; null for any other record,
   * one that another consumer re-drove included.
   */
  public static Long parkedId(Headers headers, String owner) {
    Header header = headers.lastHeader(PARKED_ID);
    if (header == null || header.value() == null) {
      return null;
    }
    String value = new String(header.value(), StandardCharsets.UTF_8);
    String prefix = owner + ":";
    if (!value.startsWith(prefix)) {
      return null;
    }
    try {
      return Long.valueOf(value.substring(prefix.length()));
    } catch (NumberFormatException notOurs) {
      return null;
    }
  }

  /**
   * The headers whose key {@code keep} accepts, in a small binary form of our own (a count, then
   * each key and value length-prefixed): Kafka has no serializer for a set of headers.
   */
  public static byte[] encode(Iterable<Header> headers, Predicate<String> keep) {
    List<Header> kept = new ArrayList<>();
    for (Header header : headers) {
      if (keep.test(header.key())) {
        kept.add(header);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(kept.size());
      for (Header header : kept) {
        byte[] key = header.key().getBytes(StandardCharsets.UTF_8);
        out.writeInt(key.length);
        out.write(key);
        out.writeInt(header.value() == null ? -1 : header.value().length);
        if (header.value() != null) {
          out.write(header.value());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The headers to re-drive {@code owner}'s parked row {@code parkedId} with: those {@link #encode}
   * kept (none if {@code encoded} is null), and {@value #PARKED_ID} naming the row.
   */
  public static RecordHeaders forRedrive(byte[] encoded, String owner, long parkedId) {
    RecordHeaders headers = decode(encoded);
    headers.remove(PARKED_ID);
    headers.add(PARKED_ID, (owner + ":" + parkedId).getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  /**
   * Whether the record was published again: re-driven by a consumer, or put back as a dead letter.
   */
  public static boolean publishedAgain(Headers headers) {
    return headers.lastHeader(PARKED_ID) != null || headers.lastHeader(REPLAYED_FROM) != null;
  }

  /**
   * Whether two sets of headers {@link #encode} wrote are those of one record: the same but for the
   * headers publishing it again adds ({@value #PARKED_ID}, {@value #REPLAYED_FROM}), as a record
   * and its copy re-driven by either consumer, or put back from a dead-letter topic, have.
   */
  public static boolean sameRecord(byte[] encoded, byte[] other) {
    Predicate<String> kept = key -> !PARKED_ID.equals(key) && !REPLAYED_FROM.equals(key);
    return Arrays.equals(encode(decode(encoded), kept), encode(decode(other), kept));
  }

  /** The headers {@link #encode} wrote; none if {@code encoded} is null. */
  private static RecordHeaders decode(byte[] encoded) {
    RecordHeaders headers = new RecordHeaders();
    if (encoded != null) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
          String key = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
          int length = in.readInt();
          headers.add(key, length < 0 ? null : in.readNBytes(length));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return headers;
  }
}
