package dev.dmssilver.cli;

import dev.dmssilver.SilverException;
import dev.dmssilver.job.ProjectVersion;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code bin/silver}: DMS Bronze to current-state Silver tables on Apache Iceberg. */
@Command(
    name = "silver",
    description = "AWS DMS change-data-capture files to current-state Silver tables on Iceberg.",
    mixinStandardHelpOptions = true,
    versionProvider = SilverCli.Version.class,
    subcommands = {
      RunCommand.class,
      SqlCommand.class,
      DemoCommand.class,
      GenerateCommand.class,
      CaptureCommand.class,
      MaintainCommand.class,
      SnapshotsCommand.class,
      DiffCommand.class,
      TagCommand.class,
      BenchCommand.class,
      VerifyCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SilverCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int exitCode = execute(args);
    // Stop Spark cleanly (flushes, deletes temporary files) before the JVM exits.
    SparkSession.getDefaultSession()
        .foreach(
            spark -> {
              spark.stop();
              return null;
            });
    System.exit(exitCode);
  }

  /** Runs one command line in this JVM and returns its exit code. Tests call this. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    return new CommandLine(new SilverCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(SilverCli::handleBadArguments)
        .setExecutionExceptionHandler(SilverCli::handle);
  }

  /**
   * A misspelt option is the likeliest cause of any other complaint (a "missing" --warehouse is
   * usually a --warehous), so unknown options are reported first, with suggestions.
   */
  private static int handleBadArguments(CommandLine.ParameterException failure, String[] args) {
    CommandLine commandLine = failure.getCommandLine();
    PrintWriter err = commandLine.getErr();
    List<String> unmatched =
        commandLine.getParseResult() == null
            ? Collections.<String>emptyList()
            : commandLine.getParseResult().unmatched();
    if (!unmatched.isEmpty() && !(failure instanceof CommandLine.UnmatchedArgumentException)) {
      failure = new CommandLine.UnmatchedArgumentException(commandLine, unmatched);
    }
    err.println("silver: " + failure.getMessage());
    if (failure instanceof CommandLine.UnmatchedArgumentException) {
      CommandLine.UnmatchedArgumentException.printSuggestions(
          (CommandLine.UnmatchedArgumentException) failure, err);
    }
    err.println(
        "Try 'silver " + commandLine.getCommandName().replace("silver", "").trim() + " --help'.");
    err.flush();
    return SilverException.EXIT_BAD_INPUT;
  }

  private static int handle(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    LoggerFactory.getLogger(SilverCli.class).debug("Command failed", failure);
    if (failure instanceof SilverException) {
      err.println("silver: " + failure.getMessage());
    } else {
      err.println("silver: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
      err.println("silver: (run with --verbose for Spark's own logs)");
    }
    err.flush();
    return SilverException.Kind.of(failure).exitCode();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"silver " + ProjectVersion.get()};
    }
  }
}
