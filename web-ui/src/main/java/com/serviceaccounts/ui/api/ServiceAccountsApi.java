package com.serviceaccounts.ui.api;

import com.serviceaccounts.contract.command.AccountVersion;
import com.serviceaccounts.contract.command.CreatedServiceAccount;
import com.serviceaccounts.contract.command.RotatedSecret;
import com.serviceaccounts.contract.query.AuditPage;
import com.serviceaccounts.contract.query.CheckpointStatus;
import com.serviceaccounts.contract.query.ServiceAccountPage;
import com.serviceaccounts.contract.query.ServiceAccountStats;
import com.serviceaccounts.contract.query.ServiceAccountView;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.ui.UiProperties;
import com.serviceaccounts.ui.signin.SignedInUsers;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two services, called as the signed-in user: writes to command-service, reads from
 * query-service, each with the user's bearer token. Every refusal becomes an {@link ApiProblem}.
 */
@Component
public class ServiceAccountsApi {

  private static final String ACCOUNTS = "/companies/{company}/service-accounts";
  private static final String ACCOUNT = ACCOUNTS + "/{id}";

  /** The life-cycle operations that take nothing but the version they apply to. */
  public enum Transition {
    DEACTIVATE(HttpMethod.POST, "/deactivation"),
    REACTIVATE(HttpMethod.POST, "/reactivation"),
    DELETE(HttpMethod.DELETE, ""),
    RESTORE(HttpMethod.POST, "/restoration");

    private final HttpMethod method;
    private final String path;

    Transition(HttpMethod method, String path) {
      this.method = method;
      this.path = path;
    }
  }

  private final RestClient commands;
  private final RestClient queries;

  ServiceAccountsApi(RestClient.Builder builder, UiProperties properties, JsonMapper json) {
    RestClient.Builder asUser =
        builder
            .requestInterceptor(
                (request, body, execution) -> {
                  request.getHeaders().setBearerAuth(SignedInUsers.current().accessToken());
                  return execution.execute(request, body);
                })
            .defaultStatusHandler(
                HttpStatusCode::isError,
                (request, response) -> {
                  throw ApiProblem.read(
                      response.getStatusCode().value(), response.getBody().readAllBytes(), json);
                });
    this.commands = asUser.clone().baseUrl(properties.commandServiceUrl().toString()).build();
    this.queries = asUser.clone().baseUrl(properties.queryServiceUrl().toString()).build();
  }

  /**
   * A page of the company's accounts.
   *
   * @param minVersion {@code <accountId>:<version>} to wait for, or {@code null}
   */
  public ServiceAccountPage accounts(
      UUID company,
      String nameContains,
      List<String> statuses,
      List<String> appTypes,
      int page,
      int size,
      String minVersion) {
    return queries
        .get()
        .uri(
            uri ->
                new Query(uri, ACCOUNTS, Map.of("company", company))
                    .param("page", page)
                    .param("size", size)
                    .param(
                        "q", nameContains == null || nameContains.isBlank() ? null : nameContains)
                    .param("status", statuses.isEmpty() ? null : String.join(",", statuses))
                    .param("appType", appTypes.isEmpty() ? null : String.join(",", appTypes))
                    .param("minVersion", minVersion)
                    .build())
        .retrieve()
        .body(ServiceAccountPage.class);
  }

  /** One account, once the listing holds at least {@code minVersion} of it (if given). */
  public ServiceAccountView account(UUID company, UUID id, Long minVersion) {
    return queries
        .get()
        .uri(
            uri ->
                new Query(uri, ACCOUNT, Map.of("company", company, "id", id))
                    .param("minVersion", minVersion)
                    .build())
        .retrieve()
        .body(ServiceAccountView.class);
  }

  /** A page of the account's audit trail, newest first. */
  public AuditPage history(UUID company, UUID id, String cursor, Long minVersion) {
    return queries
        .get()
        .uri(
            uri ->
                new Query(uri, ACCOUNT + "/audit", Map.of("company", company, "id", id))
                    .param("limit", 50)
                    .param("cursor", cursor)
                    .param("minVersion", minVersion)
                    .build())
        .retrieve()
        .body(AuditPage.class);
  }

  public ServiceAccountStats stats(UUID company) {
    return queries
        .get()
        .uri(ACCOUNTS + "/stats", company)
        .retrieve()
        .body(ServiceAccountStats.class);
  }

  /** Each audit chain's newest signed checkpoint, and whether the trail verifies up to it. */
  public List<CheckpointStatus> checkpoints(UUID company) {
    CheckpointStatus[] checkpoints =
        queries
            .get()
            .uri("/companies/{company}/audit/checkpoints/latest", company)
            .retrieve()
            .body(CheckpointStatus[].class);
    return checkpoints == null ? List.of() : List.of(checkpoints);
  }

  /** The ids of the marketplace apps a {@code MARKETPLACE} account can be used with. */
  public List<String> marketplaceApps() {
    MarketplaceApps apps =
        commands.get().uri("/marketplace-apps").retrieve().body(MarketplaceApps.class);
    return apps == null ? List.of() : apps.items().stream().map(MarketplaceApps.App::id).toList();
  }

  /**
   * Creates an account. With the same {@code idempotencyKey}, a repeated submission answers with
   * the first one's account and no secret.
   */
  public CreatedServiceAccount create(
      UUID company,
      String name,
      AppType appType,
      String marketplaceAppId,
      String contactEmail,
      String idempotencyKey) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("appType", appType);
    body.put("marketplaceAppId", marketplaceAppId);
    body.put("contactEmail", contactEmail);
    return commands
        .post()
        .uri(ACCOUNTS, company)
        .header("Idempotency-Key", idempotencyKey)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(CreatedServiceAccount.class);
  }

  /** The seed's Update: App Type and Name, applied only to {@code version}. */
  public AccountVersion edit(
      UUID company, UUID id, String name, AppType appType, String marketplaceAppId, long version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("appType", appType);
    if (marketplaceAppId != null) {
      body.put("marketplaceAppId", marketplaceAppId);
    }
    return commands
        .patch()
        .uri(ACCOUNT, company, id)
        .header("If-Match", etag(version))
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(AccountVersion.class);
  }

  /** Sets the levels of the tools in {@code levels}; the others keep theirs. */
  public AccountVersion configurePermissions(
      UUID company, UUID id, Map<String, PermissionLevel> levels, long version) {
    return commands
        .patch()
        .uri(ACCOUNT + "/permissions", company, id)
        .header("If-Match", etag(version))
        .contentType(MediaType.APPLICATION_JSON)
        .body(levels)
        .retrieve()
        .body(AccountVersion.class);
  }

  /** A new client secret; the earlier ones keep working for the service's default overlap. */
  public RotatedSecret rotateSecret(UUID company, UUID id, long version) {
    return commands
        .post()
        .uri(ACCOUNT + "/secret-rotations", company, id)
        .header("If-Match", etag(version))
        .retrieve()
        .body(RotatedSecret.class);
  }

  public AccountVersion transition(UUID company, UUID id, Transition transition, long version) {
    return commands
        .method(transition.method)
        .uri(ACCOUNT + transition.path, company, id)
        .header("If-Match", etag(version))
        .retrieve()
        .body(AccountVersion.class);
  }

  private static String etag(long version) {
    return "\"" + version + "\"";
  }

  /**
   * A URI whose path and query values go in as URI variables, so that text typed into the search is
   * always encoded; a query parameter without a value is left out.
   */
  private static final class Query {

    private final UriBuilder uri;
    private final Map<String, Object> values;

    Query(UriBuilder uri, String path, Map<String, Object> pathValues) {
      this.uri = uri.path(path);
      this.values = new LinkedHashMap<>(pathValues);
    }

    Query param(String name, Object value) {
      if (value != null) {
        uri.queryParam(name, "{" + name + "}");
        values.put(name, value);
      }
      return this;
    }

    URI build() {
      return uri.build(values);
    }
  }

  private record MarketplaceApps(List<App> items) {
    private record App(String id) {}
  }
}
