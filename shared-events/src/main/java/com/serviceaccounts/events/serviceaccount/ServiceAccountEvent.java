package com.serviceaccounts.events.serviceaccount;

import java.util.UUID;

/** An event in the life of one service account; every event names the account and its company. */
public sealed interface ServiceAccountEvent
    permits ServiceAccountCreated,
        ServiceAccountEdited,
        ServiceAccountPermissionsChanged,
        ClientSecretRotated,
        ServiceAccountDeactivated,
        ServiceAccountReactivated,
        ServiceAccountDeleted,
        ServiceAccountRestored,
        ServiceAccountPurged {

  /** The account the event belongs to; also the Kafka record key. */
  UUID accountId();

  /** The company (tenant) that owns the account. */
  UUID companyId();
}
