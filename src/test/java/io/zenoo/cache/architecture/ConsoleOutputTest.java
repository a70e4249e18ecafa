package io.zenoo.cache.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library logs through SLF4J only: no main class writes to {@code System.out} or {@code System.err}
 * (also not through a static import of them) or calls {@code printStackTrace}. Read from the sources'
 * code, with comments and string literals left out, so that a Javadoc mentioning them is no violation.
 */
class ConsoleOutputTest {

  private static final Pattern CONSOLE =
      Pattern.compile("\\bSystem\\s*\\.\\s*(out|err)\\b|\\bprintStackTrace\\s*\\(|\\bSystem\\s*\\.\\s*console\\s*\\(");

  @Test
  void mainSources_neverWriteToTheConsole() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String[] lines = codeOnly(Files.readString(file)).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          Matcher m = CONSOLE.matcher(lines[i]);
          if (m.find()) {
            violations.add(file + ":" + (i + 1) + " " + m.group());
          }
        }
      }
    }
    assertThat(violations).as("console output outside SLF4J").isEmpty();
  }

  @Test
  void codeOnly_dropsCommentsAndLiterals_keepsCodeAndLineNumbers() {
    String source =
        "a(\"System.out //\"); // System.err\n"
            + "/* e.printStackTrace() */ b('\\'');\n"
            + "String t = \"\"\"\n  System.out\n  \"\"\"; System.out.println();\n";
    String code = codeOnly(source);
    assertThat(code.split("\n", -1)).hasSize(6);
    assertThat(CONSOLE.matcher(code).results().map(java.util.regex.MatchResult::group).toList()).containsExactly("System.out");
    assertThat(code.split("\n", -1)[4]).contains("System.out.println");
  }

  /**
   * Returns the source with comments, string and character literals and text blocks blanked out, line
   * breaks kept, so that matches keep their line numbers.
   */
  static String codeOnly(String source) {
    StringBuilder code = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        while (i < n && source.charAt(i) != '\n') {
          i++;
        }
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = skip(source, code, i, end < 0 ? n : end + 2);
      } else if (source.startsWith("\"\"\"", i)) {
        int end = closing(source, i + 3, "\"\"\"");
        i = skip(source, code, i, end);
      } else if (c == '"' || c == '\'') {
        int end = closing(source, i + 1, String.valueOf(c));
        i = skip(source, code, i, end);
      } else {
        code.append(c);
        i++;
      }
    }
    return code.toString();
  }

  /** Returns the index after the closing delimiter, stepping over backslash escapes. */
  private static int closing(String source, int from, String delimiter) {
    int i = from;
    while (i < source.length()) {
      if (source.charAt(i) == '\\') {
        i += 2;
      } else if (source.startsWith(delimiter, i)) {
        return i + delimiter.length();
      } else {
        i++;
      }
    }
    return source.length();
  }

  /** Appends only the line breaks of {@code source[from, to)} and returns {@code to}. */
  private static int skip(String source, StringBuilder code, int from, int to) {
    for (int i = from; i < to; i++) {
      if (source.charAt(i) == '\n') {
        code.append('\n');
      }
    }
    return to;
  }
}
