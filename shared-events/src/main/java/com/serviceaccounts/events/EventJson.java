package com.serviceaccounts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of events, shared by the event store's serializer, the Kafka publisher and
 * the consumers, so that the stored, published and consumed forms are the same document.
 *
 * <p>Unknown fields are ignored (a consumer keeps working when a producer adds a field); absent
 * values are left out; instants are ISO-8601 strings.
 */
public final class EventJson {

  private EventJson() {}

  /** A new, fully configured mapper; callers may keep it, it is thread-safe once configured. */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }
}
