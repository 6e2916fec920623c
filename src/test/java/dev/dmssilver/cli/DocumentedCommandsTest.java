package dev.dmssilver.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code bin/silver} command that README.md and docs/ show, in a shell block or as a whole
 * command in running text, parses: its subcommand and every option exist and take the values given.
 * Commands with placeholders ({@code --job NAME…}) are usage lines, not commands, and are left out.
 * The suites that run the commands themselves are named in docs/guarantees-and-tests.md.
 */
class DocumentedCommandsTest {
  private static final Path PROJECT = Paths.get(System.getProperty("user.dir"));
  private static final Pattern INLINE = Pattern.compile("`(bin/silver [^`]+)`");
  private static final Pattern PLACEHOLDER = Pattern.compile("[…<>\\[\\]|]|\\b[A-Z]{1,}[A-Z_]*\\b");

  @Test
  void everyDocumentedCommandParses() throws IOException {
    List<String> shown = new ArrayList<>();
    List<String> mentioned = new ArrayList<>();
    documentedCommands(shown, mentioned);
    assertThat(shown).as("commands in shell blocks").hasSizeGreaterThan(8);
    assertThat(mentioned).as("commands mentioned in text").hasSizeGreaterThan(8);
    List<String> broken = new ArrayList<>();
    for (String command : shown) {
      check(command, false, broken);
    }
    for (String command : mentioned) {
      check(command, true, broken);
    }
    if (!broken.isEmpty()) {
      fail("Documented commands that do not parse:\n  " + String.join("\n  ", broken));
    }
  }

  private static void check(String command, boolean mention, List<String> broken) {
    List<String> words = words(command);
    try {
      SilverCli.commandLine().parseArgs(words.subList(1, words.size()).toArray(new String[0]));
    } catch (CommandLine.MissingParameterException e) {
      if (!mention) {
        broken.add(command + "\n    " + e.getMessage());
      }
    } catch (CommandLine.ParameterException e) {
      broken.add(command + "\n    " + e.getMessage());
    }
  }

  @Test
  void aCommandWithAMisspeltOptionWouldBeCaught() {
    List<String> words = words("bin/silver run --al --bronze b --warehouse w");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                SilverCli.commandLine()
                    .parseArgs(words.subList(1, words.size()).toArray(new String[0])))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  private static void documentedCommands(List<String> shown, List<String> mentioned)
      throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(PROJECT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
      files.addAll(
          docs.filter(file -> file.toString().endsWith(".md"))
              .sorted()
              .collect(Collectors.toList()));
    }
    for (Path file : files) {
      boolean inShell = false;
      StringBuilder current = new StringBuilder();
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.trim();
        if (trimmed.startsWith("```")) {
          inShell = !inShell && trimmed.matches("```(bash|sh|shell)");
          continue;
        }
        if (inShell && (current.length() > 0 || trimmed.startsWith("bin/silver"))) {
          current.append(trimmed.replaceAll("\\\\$", "")).append(' ');
          if (!trimmed.endsWith("\\")) {
            shown.add(withoutComment(current.toString()));
            current.setLength(0);
          }
          continue;
        }
        if (!inShell) {
          Matcher inline = INLINE.matcher(line);
          while (inline.find()) {
            if (!PLACEHOLDER.matcher(withoutQuoted(inline.group(1))).find()) {
              mentioned.add(inline.group(1));
            }
          }
        }
      }
    }
  }

  private static String withoutComment(String command) {
    int comment = command.indexOf("  #");
    return (comment < 0 ? command : command.substring(0, comment)).trim();
  }

  private static String withoutQuoted(String command) {
    return command.replaceAll("\"[^\"]*\"|'[^']*'", "");
  }

  /** Shell words: split on spaces outside quotes, quotes removed. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char c : command.trim().toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (c == ' ') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
