package com.serviceaccounts.contract.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A page of an audit trail, newest entry first.
 *
 * @param nextCursor pass as {@code cursor} for the next (older) page; {@code null} on the last page
 * @param totalItems how many entries match in all; only when asked for with {@code count=true}
 */
public record AuditPage(
    List<AuditEntry> items,
    String nextCursor,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long totalItems) {}
