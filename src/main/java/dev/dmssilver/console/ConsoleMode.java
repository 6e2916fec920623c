package dev.dmssilver.console;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * How a command talks to its user. On a terminal (bin/silver says so with {@code
 * -Dsilver.terminal=true} when stderr is one), the step log goes to a file whose path is printed,
 * and a {@link LiveDisplay} shows each table's step in place. Elsewhere (CI, Glue, a pipe) and with
 * {@code --verbose}, the step log streams to stderr as plain lines, with no escape codes.
 */
public final class ConsoleMode {
  static final String TERMINAL_PROPERTY = "silver.terminal";
  static final String COLUMNS_PROPERTY = "silver.columns";
  private static final String CONSOLE_APPENDER = "console";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ConsoleMode() {}

  public static boolean onTerminal() {
    return Boolean.getBoolean(TERMINAL_PROPERTY) && !"dumb".equals(System.getenv("TERM"));
  }

  /**
   * The display for {@code command}: on a terminal without {@code verbose}, the step log moves to a
   * file (named on {@code err}) and a live display starts; otherwise nothing changes.
   */
  public static ProgressListener start(String command, boolean verbose, PrintStream err) {
    if (verbose || !onTerminal()) {
      return ProgressListener.NONE;
    }
    Path log = stepLogFile(command);
    if (!logTo(log)) {
      return ProgressListener.NONE;
    }
    err.println("silver: step log in " + log + " (--verbose streams it here)");
    return LiveDisplay.on(err, Integer.getInteger(COLUMNS_PROPERTY, 100));
  }

  private static Path stepLogFile(String command) {
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
    return Paths.get(System.getProperty("java.io.tmpdir"), "silver-" + user + "-logs")
        .resolve(command + "-" + STAMP.format(Clock.systemUTC().instant()) + ".log");
  }

  /** Sends every log line to {@code file} instead of stderr; false if the file cannot be made. */
  private static boolean logTo(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(folder == null ? Paths.get(".") : folder);
    } catch (java.io.IOException e) {
      return false;
    }
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration configuration = context.getConfiguration();
    Appender steps =
        FileAppender.newBuilder()
            .setName("steps")
            .withFileName(file.toString())
            .setLayout(
                PatternLayout.newBuilder()
                    .withPattern("%d{yyyy-MM-dd HH:mm:ss} %-5level %msg%n")
                    .withConfiguration(configuration)
                    .build())
            .setConfiguration(configuration)
            .build();
    steps.start();
    configuration.addAppender(steps);
    LoggerConfig root = configuration.getRootLogger();
    root.removeAppender(CONSOLE_APPENDER);
    root.addAppender(steps, null, null);
    context.updateLoggers();
    return true;
  }
}
