package dev.dmssilver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dmssilver.testing.SilverProcess;
import dev.dmssilver.testing.SilverProcess.Finished;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every output path and setting a run needs is checked before Bronze is read. The Bronze here holds
 * a file that is not Parquet: a run that read it would fail naming that file, so a message about
 * the setting proves that the check came first. Nothing may be committed.
 */
class BadSettingsIT {
  @TempDir static Path folder;
  private static Path bronze;

  @BeforeAll
  static void bronzeThatCannotBeRead() throws IOException {
    bronze = folder.resolve("bronze");
    Path orders = Files.createDirectories(bronze.resolve("public/orders"));
    Files.writeString(orders.resolve("LOAD00000001.parquet"), "not parquet");
    Files.createDirectories(folder.resolve("a-folder"));
    Files.writeString(folder.resolve("a-file"), "");
  }

  static Stream<Arguments> badSettings() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    return Stream.of(
        Arguments.of(
            "a summary file in a missing folder",
            List.of("--summary-json", "missing/summary.json"),
            "Cannot write --summary-json missing/summary.json: no such folder",
            2),
        Arguments.of(
            "a summary file that is a folder",
            List.of("--summary-json", "a-folder"),
            "Cannot write --summary-json a-folder: it is a folder",
            2),
        Arguments.of(
            "a CloudWatch endpoint that is no URL",
            List.of("--cloudwatch", "--cloudwatch-endpoint", "localhost:4582"),
            "Cannot use --cloudwatch-endpoint localhost:4582: it must be an http:// or https:// URL",
            2),
        Arguments.of(
            "a CloudWatch endpoint where nothing listens",
            List.of("--cloudwatch", "--cloudwatch-endpoint", "http://127.0.0.1:" + closedPort),
            "Cannot publish CloudWatch metrics to http://127.0.0.1:"
                + closedPort
                + ": nothing answers there",
            4),
        Arguments.of(
            "a warehouse under a file",
            List.of("--warehouse", "a-file/warehouse"),
            "Cannot create the local warehouse folder " + folder.resolve("a-file/warehouse"),
            2),
        Arguments.of(
            "a Bronze folder that does not exist",
            List.of("--bronze", "no-bronze"),
            "Cannot use the Bronze no-bronze: no such folder",
            2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void isRefusedBeforeBronzeIsReadAndCommitsNothing(
      String name, List<String> setting, String message, int exitCode) throws Exception {
    Path warehouse = folder.resolve("warehouse-" + name.replace(' ', '-'));
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--bronze", bronze.toString());
    options.put("--warehouse", warehouse.toString());
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < setting.size(); i++) {
      boolean valued = i + 1 < setting.size() && !setting.get(i + 1).startsWith("--");
      if (valued) {
        options.put(setting.get(i), setting.get(++i));
      } else {
        flags.add(setting.get(i));
      }
    }
    List<String> arguments = new ArrayList<>(List.of("run", "--job", "fact_orders"));
    options.forEach((option, value) -> arguments.addAll(List.of(option, value)));
    arguments.addAll(flags);

    Finished run =
        SilverProcess.run(
            folder, folder, Map.of("AWS_REGION", "us-east-1"), arguments.toArray(new String[0]));

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(exitCode);
    assertThat(run.stderr()).contains(message).doesNotContain("LOAD00000001.parquet");
    assertThat(metadataFilesUnder(warehouse)).as("nothing committed").isEmpty();
  }

  private static List<Path> metadataFilesUnder(Path warehouse) throws IOException {
    if (!Files.exists(warehouse)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(warehouse)) {
      return files.filter(file -> file.toString().endsWith(".metadata.json")).toList();
    }
  }
}
