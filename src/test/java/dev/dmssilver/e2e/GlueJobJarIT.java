package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.demo.DemoGenerator;
import dev.dmssilver.demo.DemoOptions;
import dev.dmssilver.lakehouse.RunRecord;
import dev.dmssilver.testing.CloudWatchRecorder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Glue job jar, run as AWS Glue runs it: Spark and Hadoop on the classpath, the job jar added,
 * spark.master already set, and Glue's own arguments mixed with the job's. (The real Glue 4.0
 * runtime, with Java 8 and Glue's own jars, is exercised by the GitHub workflow, not here.)
 */
class GlueJobJarIT {
  private static final Path PROJECT = Paths.get(System.getProperty("silver.project.dir", "."));

  @TempDir Path folder;

  @Test
  void theJobJarHoldsOurCodeIcebergAndTheContractsButNotSparkOrUnrelocatedJackson()
      throws Exception {
    List<String> entries = new ArrayList<>();
    try (JarFile jar = new JarFile(glueJar().toFile())) {
      Enumeration<JarEntry> all = jar.entries();
      while (all.hasMoreElements()) {
        entries.add(all.nextElement().getName());
      }
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.dmssilver.glue.GlueMain");
    }

    assertThat(entries)
        .contains(
            "dev/dmssilver/glue/GlueMain.class",
            "dev/dmssilver/contracts/fact_orders.yaml",
            "org/apache/iceberg/spark/SparkCatalog.class",
            "org/apache/iceberg/aws/glue/GlueCatalog.class",
            "org/apache/iceberg/aws/s3/S3FileIO.class",
            "org/postgresql/Driver.class",
            "picocli/CommandLine.class")
        .anyMatch(entry -> entry.startsWith("dev/dmssilver/shaded/jackson/dataformat/yaml/"))
        .noneMatch(entry -> entry.startsWith("com/fasterxml/"))
        .noneMatch(entry -> entry.startsWith("org/yaml/"))
        .noneMatch(entry -> entry.startsWith("org/apache/spark/SparkContext"))
        .noneMatch(entry -> entry.startsWith("org/apache/hadoop/fs/s3a/"));
  }

  @Test
  void glueMainRunsAJobFromGlueArgumentsAndRecordsTheGlueJobRunId() throws Exception {
    Path bronze = folder.resolve("bronze");
    DemoGenerator.generate(new Configuration(), bronze.toString(), DemoOptions.withEvents(2_000));
    Path warehouse = folder.resolve("warehouse");
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(jvmFlags()));
    command.add("-Dspark.master=local[2]");
    command.add("-cp");
    command.add(glueJar() + File.pathSeparator + providedClasspath());
    command.add("dev.dmssilver.glue.GlueMain");
    command.addAll(
        List.of(
            "--JOB_ID",
            "j_1",
            "--JOB_RUN_ID",
            "jr_glue_test",
            "--JOB_NAME",
            "silver-dim-product",
            "--TempDir",
            "s3://aws-glue-assets/tmp/",
            "--enable-metrics",
            "true",
            "--job-bookmark-option",
            "job-bookmark-disable",
            "--user-jars-first",
            "true",
            "--job",
            "dim_product",
            "--bronze",
            bronze.toString(),
            "--warehouse",
            warehouse.toString()));
    Path log = folder.resolve("glue.log");

    String output;
    // Glue gives every job its region; metrics are on under Glue, sent here to a loopback server.
    try (CloudWatchRecorder cloudWatch = CloudWatchRecorder.accepting()) {
      command.addAll(List.of("--cloudwatch-endpoint", cloudWatch.endpoint()));
      ProcessBuilder glue =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      glue.environment()
          .putAll(
              Map.of(
                  "AWS_ACCESS_KEY_ID", "test",
                  "AWS_SECRET_ACCESS_KEY", "test",
                  "AWS_REGION", "eu-west-1"));
      Process process = glue.start();

      assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
      output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(cloudWatch.requests()).as(output).hasSize(1);
    }
    assertThat(output).contains("Run jr_glue_test").contains("dim_product");
    // Read back as a user would: the JDBC catalog files tables under the catalog name the jobs
    // use, so a reader must use the same name, as bin/silver does.
    Process sql =
        new ProcessBuilder(
                PROJECT.resolve("bin/silver").toAbsolutePath().toString(),
                "sql",
                "--warehouse",
                warehouse.toString(),
                "--format",
                "tsv",
                "SELECT summary['"
                    + RunRecord.RUN_ID
                    + "'] AS run_id FROM silver.dim_product.snapshots WHERE operation = 'overwrite'")
            .redirectError(folder.resolve("sql.err").toFile())
            .redirectOutput(folder.resolve("sql.out").toFile())
            .start();
    assertThat(sql.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(Files.readString(folder.resolve("sql.out"), StandardCharsets.UTF_8))
        .isEqualTo("run_id\njr_glue_test\n");
  }

  private static Path glueJar() throws Exception {
    try (var jars = Files.list(PROJECT.resolve("target"))) {
      return jars.filter(path -> path.getFileName().toString().endsWith("-glue.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("No *-glue.jar in target: run mvn verify"));
    }
  }

  private static String providedClasspath() throws Exception {
    return Files.readString(
            PROJECT.resolve("target/launcher/provided-classpath"), StandardCharsets.UTF_8)
        .trim();
  }

  private static String[] jvmFlags() throws Exception {
    return Files.readString(PROJECT.resolve("target/launcher/jvm-flags"), StandardCharsets.UTF_8)
        .trim()
        .split("\\s+");
  }
}
