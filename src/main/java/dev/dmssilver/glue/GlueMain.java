package dev.dmssilver.glue;

import dev.dmssilver.SilverException;
import dev.dmssilver.cli.SilverCli;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS Glue entry point. A Glue job passes its parameters as {@code --name value} pairs; this
 * sets Glue's own aside and runs the same command as bin/silver would with the rest:
 *
 * <pre>
 * --command run --job fact_orders --bronze s3://... --warehouse s3://... --catalog glue
 * </pre>
 *
 * <p>{@code --command} defaults to {@code run}. The Glue job run id becomes the run id recorded on
 * every snapshot, so a snapshot leads straight to its Glue job run, and CloudWatch metrics are on
 * unless the job passes {@code --cloudwatch false}. A failed command throws, which is how Glue
 * learns that the run failed.
 */
public final class GlueMain {
  private static final Logger LOG = LoggerFactory.getLogger(GlueMain.class);
  private static final String COMMAND = "--command";
  private static final String COMMAND_DEFAULT = "run";

  private GlueMain() {}

  public static void main(String[] args) {
    String[] command = silverArguments(GlueArguments.parse(args));
    LOG.info("silver {} (Glue job run {})", command[0], runId(GlueArguments.parse(args)));
    int exitCode = SilverCli.execute(command);
    if (exitCode != SilverException.EXIT_OK) {
      // Glue fails a job run on an exception, not an exit code; its message carries the code.
      throw new IllegalStateException(
          "silver "
              + command[0]
              + " failed with exit code "
              + exitCode
              + " ("
              + SilverException.exitCodeMeaning(exitCode)
              + "); see the log above");
    }
  }

  /** Our part of Glue's arguments, as a bin/silver command line. */
  static String[] silverArguments(GlueArguments arguments) {
    List<String> ours = new ArrayList<>(arguments.ours());
    String command = COMMAND_DEFAULT;
    int index = ours.indexOf(COMMAND);
    if (index >= 0 && index + 1 < ours.size()) {
      command = ours.get(index + 1);
      ours.remove(index + 1);
      ours.remove(index);
    }
    List<String> silver = new ArrayList<>();
    silver.add(command);
    silver.addAll(ours);
    if (command.equals(COMMAND_DEFAULT)) {
      String runId = runId(arguments);
      if (runId != null && !arguments.hasOurs("--run-id")) {
        silver.add("--run-id");
        silver.add(runId);
      }
    }
    // Metrics are on under Glue unless the job says otherwise (--cloudwatch false).
    if ((command.equals(COMMAND_DEFAULT) || command.equals("maintain"))
        && !arguments.hasOurs("--cloudwatch")) {
      silver.add("--cloudwatch");
    }
    return silver.toArray(new String[0]);
  }

  private static String runId(GlueArguments arguments) {
    return arguments.glue().get("JOB_RUN_ID");
  }
}
