package com.serviceaccounts.command.denied;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The policy of {@link DeniedAttemptRecorder}: which refused requests become security entries, and
 * what an entry says of the request.
 *
 * <ul>
 *   <li>Recorded: a request refused with one of {@link #STATUSES} whose path is aimed at a company,
 *       {@value #COMPANY_ROUTE} with a company id, by a caller of that company ({@link
 *       DeniedAttemptRecorder}).
 *   <li>Its account: the one {@value #ACCOUNT_ROUTE} names, when that is an account id.
 *   <li>Its operation: the method and the path, with the company's and the account's ids written
 *       {@code {id}} (so entries of one route read alike, whatever ids were tried).
 * </ul>
 */
final class RecordedRoutes {

  static final Set<Integer> STATUSES = Set.of(403, 404, 409, 412, 422);

  static final String COMPANY_ROUTE = "/companies/{companyId}/**";
  static final String ACCOUNT_ROUTE = "/companies/{companyId}/service-accounts/{accountId}/**";

  private static final PathPattern COMPANY = PathPatternParser.defaultInstance.parse(COMPANY_ROUTE);
  private static final PathPattern ACCOUNT = PathPatternParser.defaultInstance.parse(ACCOUNT_ROUTE);

  private RecordedRoutes() {}

  /**
   * What a refused request to {@code path} records.
   *
   * @param companyId the company it was aimed at
   * @param accountId the account it named; {@code null} when it named none
   * @param operation e.g. {@code POST /companies/{id}/service-accounts/{id}/deactivation}
   */
  record Route(UUID companyId, UUID accountId, String operation) {}

  /** The route a request records, or empty when its path is not aimed at a company. */
  static Optional<Route> of(String method, String path) {
    PathContainer parsed = PathContainer.parsePath(path);
    Optional<String> company = variable(COMPANY, parsed, "companyId").filter(RecordedRoutes::isId);
    if (company.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> account = variable(ACCOUNT, parsed, "accountId").filter(RecordedRoutes::isId);
    String route = path.replace(company.get(), "{id}");
    if (account.isPresent()) {
      route = route.replace(account.get(), "{id}");
    }
    return Optional.of(
        new Route(
            UUID.fromString(company.get()),
            account.map(UUID::fromString).orElse(null),
            method + " " + route));
  }

  /** A variable of the pattern, as the path writes it, if the path matches. */
  private static Optional<String> variable(PathPattern pattern, PathContainer path, String name) {
    PathPattern.PathMatchInfo match = pattern.matchAndExtract(path);
    return match == null
        ? Optional.empty()
        : Optional.ofNullable(match.getUriVariables().get(name));
  }

  /** A UUID in its own 36-character form (any case), as the services write ids. */
  private static boolean isId(String text) {
    try {
      return text.length() == 36 && UUID.fromString(text).toString().equalsIgnoreCase(text);
    } catch (IllegalArgumentException notAnId) {
      return false;
    }
  }
}
