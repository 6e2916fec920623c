package dev.dmssilver.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dmssilver.cli.SilverCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a Glue job run passes, and what reaches the command line parser. */
class GlueMainTest {
  /** Arguments as Glue passes them to a job: its own mixed with the job's parameters. */
  private static final String[] GLUE_RUN = {
    "--JOB_ID",
    "j_0123",
    "--JOB_RUN_ID",
    "jr_4567",
    "--JOB_NAME",
    "silver-fact-orders",
    "--TempDir",
    "s3://aws-glue-assets/temporary/",
    "--job-bookmark-option",
    "job-bookmark-disable",
    "--enable-metrics",
    "true",
    "--enable-continuous-cloudwatch-log",
    "true",
    "--user-jars-first",
    "true",
    "--extra-jars",
    "s3://artifacts/dms-silver-glue.jar",
    "--class",
    "SilverGlueJob",
    "--job-language",
    "scala",
    "--job",
    "fact_orders",
    "--bronze",
    "s3://bronze/raw",
    "--warehouse",
    "s3://lake/warehouse",
    "--catalog",
    "glue",
    "--region",
    "eu-west-1"
  };

  @Test
  void gluesOwnArgumentsAreSetAsideAndOursPassedOnInOrder() {
    GlueArguments arguments = GlueArguments.parse(GLUE_RUN);

    assertThat(arguments.ours())
        .containsExactly(
            "--job",
            "fact_orders",
            "--bronze",
            "s3://bronze/raw",
            "--warehouse",
            "s3://lake/warehouse",
            "--catalog",
            "glue",
            "--region",
            "eu-west-1");
    assertThat(arguments.glue())
        .containsEntry("JOB_RUN_ID", "jr_4567")
        .containsEntry("TempDir", "s3://aws-glue-assets/temporary/")
        .containsEntry("enable-metrics", "true")
        .containsKeys(
            "JOB_ID", "JOB_NAME", "job-bookmark-option", "user-jars-first", "extra-jars", "class");
  }

  @Test
  void theGlueJobRunIdBecomesTheRunIdOfARunAndCloudWatchMetricsAreOn() {
    assertThat(GlueMain.silverArguments(GlueArguments.parse(GLUE_RUN)))
        .containsExactly(
            "run",
            "--job",
            "fact_orders",
            "--bronze",
            "s3://bronze/raw",
            "--warehouse",
            "s3://lake/warehouse",
            "--catalog",
            "glue",
            "--region",
            "eu-west-1",
            "--run-id",
            "jr_4567",
            "--cloudwatch");
  }

  @Test
  void maintenanceRunsFromTheSameJarWithMetricsOn() {
    assertThat(
            GlueMain.silverArguments(
                GlueArguments.parse(
                    "--JOB_RUN_ID", "jr_2", "--command", "maintain", "--all", "true")))
        .containsExactly("maintain", "--all", "true", "--cloudwatch");
  }

  @Test
  void aGlueJobCanTurnCloudWatchMetricsOff() {
    assertThat(
            GlueMain.silverArguments(
                GlueArguments.parse(
                    "--JOB_RUN_ID", "jr_1", "--all", "true", "--cloudwatch", "false")))
        .containsExactly("run", "--all", "true", "--cloudwatch", "false", "--run-id", "jr_1");
  }

  @Test
  void aCommandOtherThanRunCanBeChosenAndAnExplicitRunIdWins() {
    assertThat(
            GlueMain.silverArguments(
                GlueArguments.parse(
                    "--command", "sql", "--JOB_RUN_ID", "jr_1", "--warehouse", "w", "SELECT 1")))
        .containsExactly("sql", "--warehouse", "w", "SELECT 1");
    assertThat(
            GlueMain.silverArguments(
                GlueArguments.parse("--JOB_RUN_ID", "jr_1", "--run-id", "mine", "--all", "true")))
        .containsExactly("run", "--run-id", "mine", "--all", "true", "--cloudwatch");
  }

  @Test
  void argumentsWithEqualsSignsAndValuelessFlagsAreHandled() {
    GlueArguments arguments =
        GlueArguments.parse(
            "--JOB_NAME=x", "--enable-glue-datacatalog", "--bronze=s3://b/raw", "--all");

    assertThat(arguments.glue())
        .containsEntry("JOB_NAME", "x")
        .containsEntry("enable-glue-datacatalog", "");
    assertThat(arguments.ours()).containsExactly("--bronze=s3://b/raw", "--all");
  }

  @Test
  void aMisspeltOptionOfOursIsRejectedAsOnTheCommandLine() {
    String[] misspelt = GLUE_RUN.clone();
    misspelt[misspelt.length - 4] = "--catalgo";
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exitCode = SilverCli.execute(GlueMain.silverArguments(GlueArguments.parse(misspelt)));
    } finally {
      System.setErr(originalErr);
    }

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unknown options: '--catalgo'")
        .contains("Possible solutions: --catalog");
  }

  @Test
  void aFailedCommandFailsTheGlueRunWithTheExitCodeAndItsMeaning() {
    PrintStream originalErr = System.err;
    try {
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThatThrownBy(
              () ->
                  GlueMain.main(
                      new String[] {"--JOB_NAME", "x", "--command", "run", "--catalgo", "local"}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "silver run failed with exit code 2 (bad input or settings); see the log above");
    } finally {
      System.setErr(originalErr);
    }
  }

  @Test
  void theGlueEndpointAndTheJobLimitAreJobParametersLikeAnyOther() {
    String[] withEndpoint =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(GLUE_RUN),
                java.util.stream.Stream.of(
                    "--glue-endpoint",
                    "https://glue.vpce.example.com",
                    "--max-concurrent-jobs",
                    "2"))
            .toArray(String[]::new);

    assertThat(GlueMain.silverArguments(GlueArguments.parse(withEndpoint)))
        .containsSubsequence("--glue-endpoint", "https://glue.vpce.example.com")
        .containsSubsequence("--max-concurrent-jobs", "2");
  }
}
