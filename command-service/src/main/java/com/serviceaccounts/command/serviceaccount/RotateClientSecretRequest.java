package com.serviceaccounts.command.serviceaccount;

import java.time.Duration;

/**
 * The optional body of a secret rotation: how long the previous secrets stay valid (ISO-8601, e.g.
 * {@code PT1H}; {@code PT0S} ends them at once). Absent: the configured default.
 */
record RotateClientSecretRequest(Duration previousSecretValidFor) {}
