package com.serviceaccounts.query.listing;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.query.web.InvalidParametersException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a company's accounts a listing shows.
 *
 * @param statuses the statuses shown; never empty
 * @param appTypes the app types shown; never empty
 * @param nameContains a text the name must contain, ignoring case; {@code null} for any name
 */
record ListingFilter(Set<AccountStatus> statuses, Set<AppType> appTypes, String nameContains) {

  /** What a listing shows when not asked otherwise: every account that is not deleted. */
  static final Set<AccountStatus> DEFAULT_STATUSES =
      EnumSet.of(AccountStatus.ACTIVE, AccountStatus.DEACTIVATED);

  static final ListingFilter DEFAULT =
      new ListingFilter(DEFAULT_STATUSES, EnumSet.allOf(AppType.class), null);

  ListingFilter {
    statuses = Set.copyOf(statuses);
    appTypes = Set.copyOf(appTypes);
    if (statuses.isEmpty() || appTypes.isEmpty()) {
      throw new IllegalArgumentException("a listing filter needs at least one status and app type");
    }
    if (nameContains != null && nameContains.isBlank()) {
      nameContains = null;
    }
  }

  /**
   * The filter the request parameters ask for. Each of {@code status} and {@code appType} may be
   * repeated and may hold comma-separated values; absent or empty means the default (not deleted;
   * any app type).
   *
   * @throws InvalidParametersException naming every parameter with a value that is not one of its
   *     constants
   */
  static ListingFilter of(List<String> status, List<String> appType, String q) {
    Map<String, String> invalid = new LinkedHashMap<>();
    Set<AccountStatus> statuses =
        parse("status", status, AccountStatus.class, DEFAULT_STATUSES, invalid);
    Set<AppType> appTypes =
        parse("appType", appType, AppType.class, EnumSet.allOf(AppType.class), invalid);
    if (!invalid.isEmpty()) {
      throw new InvalidParametersException(invalid);
    }
    return new ListingFilter(statuses, appTypes, q);
  }

  /**
   * The {@code ILIKE} pattern for {@link #nameContains}, with {@code \} as escape character: the
   * wildcards {@code %} and {@code _} in the text match only themselves.
   */
  String namePattern() {
    if (nameContains == null) {
      return null;
    }
    String literal = nameContains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + literal + "%";
  }

  private static <E extends Enum<E>> Set<E> parse(
      String parameter,
      List<String> values,
      Class<E> type,
      Set<E> whenAbsent,
      Map<String, String> invalid) {
    List<String> names =
        values == null
            ? List.of()
            : values.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
    if (names.isEmpty()) {
      return whenAbsent;
    }
    Set<E> parsed = EnumSet.noneOf(type);
    for (String name : names) {
      try {
        parsed.add(Enum.valueOf(type, name));
      } catch (IllegalArgumentException unknown) {
        String allowed =
            Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .collect(Collectors.joining(", "));
        invalid.put(parameter, "must be one of " + allowed + ", was '" + abbreviate(name) + "'");
        return whenAbsent;
      }
    }
    return parsed;
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
