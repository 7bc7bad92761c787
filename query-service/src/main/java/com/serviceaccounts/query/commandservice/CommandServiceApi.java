package com.serviceaccounts.query.commandservice;

import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.EventStreamPage;
import com.serviceaccounts.security.personaldata.DataKeysApi;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * What this service reads of command-service's data, through command-service's API and never its
 * database: the event stream (a rebuild's source) and the data keys (to open contact emails). Calls
 * carry this service's credential ({@link CommandServiceProperties}); a failure is thrown as
 * Spring's {@code RestClientException}.
 */
@Component
public class CommandServiceApi {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** One client per configured instance; the first one that answers serves a call. */
  private final List<RestClient> instances;

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();

  CommandServiceApi(CommandServiceProperties properties) {
    JdkClientHttpRequestFactory requests =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
    requests.setReadTimeout(READ_TIMEOUT);
    BasicAuthenticationInterceptor credential =
        new BasicAuthenticationInterceptor(properties.username(), properties.password());
    this.instances =
        properties.url().stream()
            .map(
                url ->
                    RestClient.builder()
                        .baseUrl(url)
                        .requestFactory(requests)
                        .requestInterceptor(credential)
                        .build())
            .toList();
    if (instances.isEmpty()) {
      throw new IllegalStateException("service-accounts.command-service.url names no instance");
    }
  }

  /**
   * The call's answer from the first instance that can be reached; an instance that answers with an
   * error status ends the call with that error.
   */
  private <T> T call(Function<RestClient, T> call) {
    ResourceAccessException unreachable = null;
    for (RestClient instance : instances) {
      try {
        return call.apply(instance);
      } catch (ResourceAccessException e) {
        unreachable = e;
      }
    }
    throw unreachable;
  }

  /** Up to {@code limit} events stored after {@code position}, in the order they were stored. */
  public EventStreamPage eventsAfter(long position, int limit) {
    byte[] json =
        call(
            http ->
                http.get()
                    .uri(
                        uri ->
                            uri.path(EventStreamPage.PATH)
                                .queryParam("after", position)
                                .queryParam("limit", limit)
                                .build())
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(byte[].class));
    return EventStreamPage.fromJson(json, codec);
  }

  /** The data keys of those accounts that still have one, a look-up per {@code MAX_ACCOUNTS}. */
  public Map<UUID, byte[]> dataKeys(Collection<UUID> accountIds) {
    List<UUID> ids = new ArrayList<>(accountIds);
    Map<UUID, byte[]> keys = new HashMap<>();
    for (int from = 0; from < ids.size(); from += DataKeysApi.MAX_ACCOUNTS) {
      List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + DataKeysApi.MAX_ACCOUNTS));
      DataKeysApi.Keys found =
          call(
              http ->
                  http.post()
                      .uri(DataKeysApi.PATH)
                      .contentType(MediaType.APPLICATION_JSON)
                      .accept(MediaType.APPLICATION_JSON)
                      .body(new DataKeysApi.Lookup(chunk))
                      .retrieve()
                      .body(DataKeysApi.Keys.class));
      if (found != null) {
        keys.putAll(found.decoded());
      }
    }
    return keys;
  }
}
