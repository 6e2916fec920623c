package dev.dmssilver.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code silver} in this JVM as a user would type it, for tests of the command line. */
final class CommandLineRun {
  private CommandLineRun() {}

  /** The exit code and everything written to stderr, in that order. */
  static String[] run(String... arguments) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = SilverCli.commandLine().setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(arguments);
    return new String[] {String.valueOf(exitCode), err.toString()};
  }
}
