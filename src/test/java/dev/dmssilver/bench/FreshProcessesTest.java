package dev.dmssilver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmssilver.bench.Benchmark.Measurement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshProcessesTest {
  @Test
  void childrenInheritHeapFlagsAndLoggingButNoAgentRecordingOrArchiveBeingWritten() {
    assertThat(FreshProcesses.inherited("-Xmx4g")).isTrue();
    assertThat(FreshProcesses.inherited("--add-opens=java.base/java.lang=ALL-UNNAMED")).isTrue();
    assertThat(FreshProcesses.inherited("-Xlog:all=warning,cds*=off:stderr")).isTrue();
    assertThat(FreshProcesses.inherited("-XX:SharedArchiveFile=/a/b.jsa")).isTrue();
    assertThat(FreshProcesses.inherited("-Dlog4j2.configurationFile=silver-log4j2.properties"))
        .isTrue();

    assertThat(FreshProcesses.inherited("-XX:ArchiveClassesAtExit=/a/b.1.new")).isFalse();
    assertThat(FreshProcesses.inherited("-XX:StartFlightRecording=filename=x.jfr")).isFalse();
    assertThat(FreshProcesses.inherited("-agentlib:jdwp=transport=dt_socket")).isFalse();
    assertThat(FreshProcesses.inherited("-javaagent:/a/agent.jar")).isFalse();
  }

  @Test
  void aJobRunAsAUserRunsItIsTheLauncherThatStartedThisJvmWhenThereIsOne(@TempDir Path folder)
      throws Exception {
    String before = System.getProperty(FreshProcesses.LAUNCHER);
    try {
      Path launcher = Files.createFile(folder.resolve("silver"));
      System.setProperty(FreshProcesses.LAUNCHER, launcher.toString());
      // Not executable: no launcher after all, so this JVM's java again.
      assertThat(FreshProcesses.asBinSilverRuns("dev.dmssilver.cli.SilverCli", folder).get(0))
          .endsWith("/bin/java");

      assertThat(launcher.toFile().setExecutable(true)).isTrue();
      assertThat(FreshProcesses.asBinSilverRuns("dev.dmssilver.cli.SilverCli", folder))
          .containsExactly(launcher.toString());

      System.clearProperty(FreshProcesses.LAUNCHER);
      assertThat(FreshProcesses.asBinSilverRuns("dev.dmssilver.cli.SilverCli", folder))
          .endsWith("dev.dmssilver.cli.SilverCli")
          .contains("-cp");
    } finally {
      if (before == null) {
        System.clearProperty(FreshProcesses.LAUNCHER);
      } else {
        System.setProperty(FreshProcesses.LAUNCHER, before);
      }
    }
  }

  @Test
  void eachChildRunsOneVariantOnceColdOnTheGivenBronzeAndPrintsJson() {
    FreshProcesses processes =
        FreshProcesses.likeThisJvm(
            "dev.dmssilver.cli.SilverCli", List.of("bench", "--dir", "/d"), Paths.get("/d/out"));

    List<String> command =
        processes.command("fact_orders", Path.of("/bronze"), BenchVariant.COPY_FLOOR);

    assertThat(command.get(0)).endsWith("/bin/java");
    assertThat(command)
        .containsSubsequence("-cp", System.getProperty("java.class.path"))
        .containsSubsequence(
            "dev.dmssilver.cli.SilverCli",
            "bench",
            "--dir",
            "/d",
            "--bronze",
            "/bronze",
            "--jobs",
            "fact_orders",
            "--variants",
            "copy",
            "--repeat",
            "1",
            "--no-warm-up",
            "--json");
  }

  @Test
  void aChildsFiguresKeepTheirOwnTimingAndTakeTheWholeProcessAsTheSecondsCompared()
      throws Exception {
    String childJson =
        "{\"cores\":2,\"max_heap_bytes\":4294967296,\"whole_processes\":false,\"jobs\":[{"
            + "\"table\":\"fact_orders\",\"events\":1969281,\"variants\":[{"
            + "\"variant\":\"copy floor\",\"seconds\":12.5,\"in_process_seconds\":12.5,"
            + "\"task_cpu_seconds\":19.25,"
            + "\"events_per_second\":157542.5,\"ratio_to_copy_floor\":1.0,"
            + "\"peak_heap_bytes\":1000,\"peak_rss_bytes\":2000,\"spilled_bytes\":3,"
            + "\"bronze_passes\":1.0}]}]}";

    Measurement measurement =
        FreshProcesses.measurement(
            BenchVariant.COPY_FLOOR, "fact_orders", 20.0, new ObjectMapper().readTree(childJson));

    assertThat(measurement.variant()).isEqualTo(BenchVariant.COPY_FLOOR);
    assertThat(measurement.table()).isEqualTo("fact_orders");
    assertThat(measurement.events()).isEqualTo(1_969_281);
    assertThat(measurement.seconds()).isEqualTo(20.0);
    assertThat(measurement.inProcessSeconds()).isEqualTo(12.5);
    assertThat(measurement.taskCpuSeconds()).isEqualTo(19.25);
    assertThat(measurement.peakHeapBytes()).isEqualTo(1000);
    assertThat(measurement.peakRssBytes()).isEqualTo(2000);
    assertThat(measurement.spilledBytes()).isEqualTo(3);
    assertThat(measurement.bronzePasses()).isEqualTo(1.0);
  }
}
