package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documents' links lead somewhere: every relative link names a file of the repository, every
 * {@code #anchor} a heading of its target, and no document sends its reader outside the repository
 * but to public web addresses.
 */
class DocumentationLinksTest {

  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+)$");

  @Test
  void everyRelativeLinkAndAnchorResolves() {
    Path root = Documentation.root();
    List<String> broken = new ArrayList<>();
    for (Path document : Documentation.documents()) {
      Matcher link = LINK.matcher(Documentation.prose(document));
      while (link.find()) {
        String target = link.group(1);
        if (target.startsWith("http://") || target.startsWith("https://")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
        String where = root.relativize(document) + ": " + target;
        if (!resolved.startsWith(root)) {
          broken.add(where + " (outside the repository)");
        } else if (!Files.exists(resolved)) {
          broken.add(where + " (no such file)");
        } else if (anchor != null && !anchors(resolved).contains(anchor)) {
          broken.add(where + " (no such heading)");
        }
      }
    }
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void noDocumentNamesFilesOutsideTheRepository() {
    List<String> found = new ArrayList<>();
    for (Path document : Documentation.documents()) {
      String text = Documentation.text(document);
      for (String outside : List.of("../shared", "design.md", "house-style.md", "design-card")) {
        if (text.contains(outside)) {
          found.add(Documentation.root().relativize(document) + " names " + outside);
        }
      }
    }
    assertThat(found).isEmpty();
  }

  /** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens. */
  private static Set<String> anchors(Path document) {
    Set<String> anchors = new HashSet<>();
    if (!document.toString().endsWith(".md")) {
      return anchors;
    }
    Matcher heading = HEADING.matcher(Documentation.prose(document));
    while (heading.find()) {
      anchors.add(
          heading
              .group(1)
              .trim()
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} _-]", "")
              .replace(' ', '-'));
    }
    return anchors;
  }
}
