package com.serviceaccounts.query.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.query.web.InvalidParametersException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingFilterTest {

  @Test
  void likeWildcardsAndTheEscapeCharacterMatchOnlyThemselves() {
    var filter = ListingFilter.of(null, null, "100%_a\\b");

    assertThat(filter.namePattern()).isEqualTo("%100\\%\\_a\\\\b%");
  }

  @Test
  void aBlankNameQueryMatchesEveryName() {
    assertThat(ListingFilter.of(null, null, "  ").nameContains()).isNull();
    assertThat(ListingFilter.of(null, null, null).namePattern()).isNull();
  }

  @Test
  void valuesAreCollectedFromRepeatedAndCommaSeparatedParameters() {
    var filter =
        ListingFilter.of(List.of("ACTIVE,DELETED", " DEACTIVATED "), List.of("CUSTOM"), "x");

    assertThat(filter.statuses()).containsExactlyInAnyOrder(AccountStatus.values());
    assertThat(filter.appTypes()).containsExactly(AppType.CUSTOM);
  }

  @Test
  void anUnknownValueNamesItsParameter() {
    assertThatThrownBy(() -> ListingFilter.of(List.of("active"), null, null))
        .isInstanceOfSatisfying(
            InvalidParametersException.class,
            e ->
                assertThat(e.reasons())
                    .containsOnlyKeys("status")
                    .containsValue("must be one of ACTIVE, DEACTIVATED, DELETED, was 'active'"));
  }
}
