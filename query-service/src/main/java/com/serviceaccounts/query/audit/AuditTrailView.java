package com.serviceaccounts.query.audit;

import java.util.List;

/** An account's audit trail, newest event first. */
record AuditTrailView(List<AuditEntryView> items) {}
