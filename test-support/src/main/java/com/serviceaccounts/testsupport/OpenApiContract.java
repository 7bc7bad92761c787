package com.serviceaccounts.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Checks a running service's OpenAPI document against what the service really serves, so that the
 * published description cannot drift from the code:
 *
 * <ul>
 *   <li>{@code /v3/api-docs} and Swagger UI ({@code /swagger-ui.html}) answer without a token;
 *   <li>every handler method of the service's own controllers (classes under {@code
 *       com.serviceaccounts.}, as registered in Spring MVC's {@link RequestMappingHandlerMapping})
 *       is in the document with the same path and HTTP method — nothing undocumented;
 *   <li>every operation in the document is one of those (or one of the endpoints declared {@link
 *       #servedOutsideSpringMvc served outside Spring MVC}) — nothing stale;
 *   <li>the document has a title and the security schemes the service declares.
 * </ul>
 *
 * <p>The document is written to {@code target/openapi/<service>.json}, for the build to publish.
 * Actuator endpoints are neither served by that mapping nor documented, so they are out of scope.
 *
 * <pre>{@code
 * OpenApiContract.of("command-service", applicationContext)
 *     .requiresSecurityScheme("bearer-jwt")
 *     .verify();
 * }</pre>
 */
public final class OpenApiContract {

  /** Where the documents are written, relative to the module (the tests' working directory). */
  public static final Path OUTPUT_DIRECTORY = Path.of("target", "openapi");

  private static final String OWN_PACKAGES = "com.serviceaccounts.";
  private static final Set<String> OPERATION_KEYS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** {@code {name:regex}} in a Spring path pattern; OpenAPI writes {@code {name}}. */
  private static final Pattern VARIABLE_WITH_REGEX = Pattern.compile("\\{([^}:]+):[^}]*}");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One operation: an HTTP method (upper case) and a path template as OpenAPI writes it. */
  public record Endpoint(String method, String path) {

    public Endpoint {
      method = method.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final Comparator<Endpoint> ORDER =
      Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method);

  private final String service;
  private final ApplicationContext context;
  private final SortedSet<Endpoint> outsideSpringMvc = new TreeSet<>(ORDER);
  private final List<String> securitySchemes = new ArrayList<>();

  private OpenApiContract(String service, ApplicationContext context) {
    this.service = service;
    this.context = context;
  }

  /**
   * The contract of the service running in a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}
   * context.
   *
   * @param service the file name of the written document, e.g. {@code command-service}
   */
  public static OpenApiContract of(String service, ApplicationContext context) {
    return new OpenApiContract(service, context);
  }

  /**
   * Endpoints that the service serves with servlet filters rather than controllers (Spring
   * Authorization Server's, for example): they must be in the document too, and may be.
   */
  public OpenApiContract servedOutsideSpringMvc(Collection<Endpoint> endpoints) {
    outsideSpringMvc.addAll(endpoints);
    return this;
  }

  /** The document must declare this security scheme in its components. */
  public OpenApiContract requiresSecurityScheme(String name) {
    securitySchemes.add(name);
    return this;
  }

  /**
   * Fetches the document without a token, writes it to {@link #OUTPUT_DIRECTORY}, and checks it.
   *
   * @return the document, for checks of the service's own
   * @throws AssertionError naming every undocumented and every stale operation
   */
  public JsonNode verify() {
    String base =
        "http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port");
    HttpResponse<String> response = get(base + "/v3/api-docs");
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET /v3/api-docs without a token answered "
              + response.statusCode()
              + ", not 200: "
              + response.body());
    }
    JsonNode document = parse(response.body());
    write(document);

    List<String> problems = new ArrayList<>();
    HttpResponse<String> ui = get(base + "/swagger-ui.html");
    if (ui.statusCode() != 200) {
      problems.add(
          "Swagger UI (/swagger-ui.html) without a token answered "
              + ui.statusCode()
              + " at "
              + ui.uri());
    }
    if (document.at("/info/title").asText("").isBlank()) {
      problems.add("the document has no info.title");
    }
    for (String scheme : securitySchemes) {
      if (document.at("/components/securitySchemes").path(scheme).isMissingNode()) {
        problems.add("the document does not declare the security scheme " + scheme);
      }
    }

    SortedSet<Endpoint> served = servedBySpringMvc();
    served.addAll(outsideSpringMvc);
    SortedSet<Endpoint> documented = documented(document);
    SortedSet<Endpoint> undocumented = new TreeSet<>(ORDER);
    undocumented.addAll(served);
    undocumented.removeAll(documented);
    SortedSet<Endpoint> stale = new TreeSet<>(ORDER);
    stale.addAll(documented);
    stale.removeAll(served);
    if (!undocumented.isEmpty()) {
      problems.add("served but not in the document: " + undocumented);
    }
    if (!stale.isEmpty()) {
      problems.add("in the document but not served: " + stale);
    }
    if (served.isEmpty()) {
      problems.add("the service serves no endpoint under " + OWN_PACKAGES + "*");
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          service
              + "'s OpenAPI document ("
              + OUTPUT_DIRECTORY.resolve(service + ".json")
              + ") does not match what it serves:\n  "
              + String.join("\n  ", problems));
    }
    return document;
  }

  /** The operations of the service's own controllers, as Spring MVC maps them. */
  private SortedSet<Endpoint> servedBySpringMvc() {
    SortedSet<Endpoint> served = new TreeSet<>(ORDER);
    for (RequestMappingHandlerMapping mapping :
        context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
      mapping
          .getHandlerMethods()
          .forEach(
              (info, handler) -> {
                if (handler.getBeanType().getName().startsWith(OWN_PACKAGES)
                    && !isErrorPage(handler.getBeanType())) {
                  served.addAll(endpoints(info, handler));
                }
              });
    }
    return served;
  }

  /**
   * The error page (Spring Boot's {@code ErrorController}) answers every method for the errors of
   * every endpoint; it is not an operation of the API.
   */
  private static boolean isErrorPage(Class<?> type) {
    return ClassUtils.getAllInterfacesForClassAsSet(type).stream()
        .anyMatch(
            implemented ->
                implemented
                    .getName()
                    .equals("org.springframework.boot.webmvc.error.ErrorController"));
  }

  private static List<Endpoint> endpoints(RequestMappingInfo info, HandlerMethod handler) {
    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
    if (methods.isEmpty()) {
      throw new AssertionError(
          handler + " answers every HTTP method; map it to the methods it serves");
    }
    List<Endpoint> endpoints = new ArrayList<>();
    for (String pattern : info.getPatternValues()) {
      String path = VARIABLE_WITH_REGEX.matcher(pattern).replaceAll("{$1}");
      methods.forEach(method -> endpoints.add(new Endpoint(method.name(), path)));
    }
    return endpoints;
  }

  private static SortedSet<Endpoint> documented(JsonNode document) {
    SortedSet<Endpoint> documented = new TreeSet<>(ORDER);
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation -> {
                          if (OPERATION_KEYS.contains(operation.getKey())) {
                            documented.add(new Endpoint(operation.getKey(), path.getKey()));
                          }
                        }));
    return documented;
  }

  private void write(JsonNode document) {
    try {
      Files.createDirectories(OUTPUT_DIRECTORY);
      JSON.writerWithDefaultPrettyPrinter()
          .writeValue(OUTPUT_DIRECTORY.resolve(service + ".json").toFile(), document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("/v3/api-docs is not JSON: " + body, e);
    }
  }

  private static HttpResponse<String> get(String url) {
    HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
