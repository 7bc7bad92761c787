package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.command.caller.Caller;
import com.serviceaccounts.security.tokens.CallerIdentity;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges deleted accounts whose restore window has passed, as the system actor. Runs on every
 * instance; the aggregate decides, so a purge sent twice by two instances is refused the second
 * time (the account is gone).
 */
@Component
class ExpiredDeletionPurger {

  private static final CallerIdentity SYSTEM =
      new CallerIdentity("system:retention", "system", Map.of());
  private static final int BATCH = 100;
  private static final Logger log = LoggerFactory.getLogger(ExpiredDeletionPurger.class);

  private final ServiceAccountLookup lookup;
  private final CommandGateway commands;
  private final Clock clock;

  ExpiredDeletionPurger(ServiceAccountLookup lookup, CommandGateway commands, Clock clock) {
    this.lookup = lookup;
    this.commands = commands;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${service-accounts.lifecycle.purge-interval:PT1M}")
  void purgeExpiredDeletions() {
    for (var candidate : lookup.restoreWindowClosedBefore(clock.instant(), BATCH)) {
      Caller system = new Caller(SYSTEM, "purge-" + UUID.randomUUID());
      try {
        commands.sendAndWait(
            GenericCommandMessage.asCommandMessage(
                    new ChangeLifecycle(
                        candidate.accountId(),
                        candidate.companyId(),
                        LifecycleTransition.PURGE,
                        clock.instant(),
                        null,
                        null))
                .andMetaData(system.toMetaData()));
        log.info("purged service account {} after its restore window", candidate.accountId());
      } catch (RuntimeException e) {
        log.warn("could not purge service account {}: {}", candidate.accountId(), e.getMessage());
      }
    }
  }
}
