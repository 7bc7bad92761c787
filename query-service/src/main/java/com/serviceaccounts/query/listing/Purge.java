package com.serviceaccounts.query.listing;

import java.time.Instant;

/**
 * An account purged by a transaction's events: its row (stored before, or created by the same
 * transaction) goes, and a tombstone with the purge's version and time takes its place.
 */
record Purge(ListingRow row, long version, Instant at) {}
