package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * No two modules' main code declare a class of the same name: a reader who meets {@code
 * ClientCredentials} in a stack trace or a search should not have to ask which side it is on.
 */
class ClassNamesTest {

  @Test
  void noTwoModulesDeclareAClassOfTheSameName() throws IOException {
    Map<String, Set<String>> modulesByName = new TreeMap<>();
    for (Path file : SourceFileLengthTest.mainSources()) {
      String name = file.getFileName().toString();
      if (!name.equals("package-info.java") && !name.equals("module-info.java")) {
        modulesByName
            .computeIfAbsent(
                name.substring(0, name.length() - ".java".length()), k -> new TreeSet<>())
            .add(SourceFileLengthTest.ROOT.relativize(file).getName(0).toString());
      }
    }
    modulesByName.values().removeIf(modules -> modules.size() < 2);
    assertThat(modulesByName).as("give each a name that says which side it belongs to").isEmpty();
  }
}
