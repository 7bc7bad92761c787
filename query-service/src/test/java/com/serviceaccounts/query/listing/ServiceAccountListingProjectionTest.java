package com.serviceaccounts.query.listing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventType;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.query.intake.VersionGapException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How the listing tells a duplicate (skipped) from a gap (retried) when an event does not apply.
 */
class ServiceAccountListingProjectionTest {

  static final UUID ACCOUNT = UUID.randomUUID();
  static final UUID COMPANY = UUID.randomUUID();

  final ServiceAccountListingRepository accounts = mock(ServiceAccountListingRepository.class);
  final ServiceAccountListingProjection projection = new ServiceAccountListingProjection(accounts);

  @Test
  void statusEventsSetTheStatusTheyLeadTo() {
    given(accounts.applyIfNext(any(EventEnvelope.class), any(AccountStatus.class)))
        .willReturn(true);
    EventEnvelope deactivated = event(2, new ServiceAccountDeactivated(ACCOUNT, COMPANY));
    EventEnvelope reactivated = event(3, new ServiceAccountReactivated(ACCOUNT, COMPANY));

    projection.apply(deactivated);
    projection.apply(reactivated);

    verify(accounts).applyIfNext(deactivated, AccountStatus.DEACTIVATED);
    verify(accounts).applyIfNext(reactivated, AccountStatus.ACTIVE);
  }

  @Test
  void anEventOfAnAccountNeitherListedNorPurgedIsAGap() {
    given(accounts.version(ACCOUNT)).willReturn(Optional.empty());
    given(accounts.purgedAtVersion(ACCOUNT)).willReturn(Optional.empty());

    assertThatThrownBy(
            () -> projection.apply(event(2, new ServiceAccountDeactivated(ACCOUNT, COMPANY))))
        .isInstanceOf(VersionGapException.class)
        .hasMessageContaining("the account is unknown");
  }

  @Test
  void anEventBeyondTheNextVersionIsAGap() {
    given(accounts.version(ACCOUNT)).willReturn(Optional.of(2L));

    assertThatThrownBy(() -> projection.apply(event(4, new ServiceAccountPurged(ACCOUNT, COMPANY))))
        .isInstanceOf(VersionGapException.class)
        .hasMessageContaining("the listing is at version 2");
  }

  @Test
  void anEventOfAPurgedAccountIsSkippedWhetherItCameBeforeThePurgeOrAfterIt() {
    given(accounts.version(ACCOUNT)).willReturn(Optional.empty());
    given(accounts.purgedAtVersion(ACCOUNT)).willReturn(Optional.of(5L));

    assertThatCode(() -> projection.apply(event(5, new ServiceAccountPurged(ACCOUNT, COMPANY))))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> projection.apply(event(3, new ServiceAccountDeactivated(ACCOUNT, COMPANY))))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> projection.apply(event(6, new ServiceAccountReactivated(ACCOUNT, COMPANY))))
        .doesNotThrowAnyException();
  }

  private static EventEnvelope event(long version, ServiceAccountEvent payload) {
    return new EventEnvelope(
        UUID.randomUUID(),
        EventType.of(payload),
        ACCOUNT,
        COMPANY,
        version,
        version,
        Instant.parse("2026-11-28T10:00:00Z"),
        "alice@acme.example",
        "user",
        "req-1",
        payload);
  }
}
