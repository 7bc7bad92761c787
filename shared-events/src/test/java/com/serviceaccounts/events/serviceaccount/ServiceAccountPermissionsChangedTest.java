package com.serviceaccounts.events.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ServiceAccountPermissionsChangedTest {

  private static ServiceAccountPermissionsChanged changing(
      Map<String, ValueChange<PermissionLevel>> changes) {
    return new ServiceAccountPermissionsChanged(UUID.randomUUID(), UUID.randomUUID(), changes);
  }

  @Test
  void setsEachChangedToolAndKeepsTheOthers() {
    Map<String, PermissionLevel> before =
        Map.of(
            CompanyTools.ADMIN, PermissionLevel.READ_ONLY, "documents", PermissionLevel.STANDARD);

    Map<String, PermissionLevel> after =
        changing(
                Map.of(
                    CompanyTools.ADMIN,
                    new ValueChange<>(PermissionLevel.READ_ONLY, PermissionLevel.ADMIN),
                    CompanyTools.DIRECTORY,
                    new ValueChange<>(PermissionLevel.NONE, PermissionLevel.STANDARD)))
            .permissionsAfter(before);

    assertThat(after)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                CompanyTools.ADMIN,
                PermissionLevel.ADMIN,
                CompanyTools.DIRECTORY,
                PermissionLevel.STANDARD,
                "documents",
                PermissionLevel.STANDARD));
    assertThat(before).containsEntry(CompanyTools.ADMIN, PermissionLevel.READ_ONLY);
  }

  @Test
  void aToolSetToNoneOrToNoLevelLeavesTheMatrix() {
    Map<String, ValueChange<PermissionLevel>> changes = new HashMap<>();
    changes.put(CompanyTools.ADMIN, new ValueChange<>(PermissionLevel.ADMIN, PermissionLevel.NONE));
    changes.put(CompanyTools.DIRECTORY, new ValueChange<>(PermissionLevel.READ_ONLY, null));

    Map<String, PermissionLevel> after =
        changing(changes)
            .permissionsAfter(
                Map.of(
                    CompanyTools.ADMIN,
                    PermissionLevel.ADMIN,
                    CompanyTools.DIRECTORY,
                    PermissionLevel.READ_ONLY,
                    "documents",
                    PermissionLevel.STANDARD));

    assertThat(after).containsExactlyEntriesOf(Map.of("documents", PermissionLevel.STANDARD));
  }
}
