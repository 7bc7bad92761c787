package com.serviceaccounts.command.serviceaccount;

import java.time.Instant;

/**
 * What a rotation decided: the new secret's number, when the previous secrets stop being valid, and
 * the account's version afterwards.
 */
record SecretRotation(int secretNumber, Instant previousSecretsExpireAt, long version) {}
